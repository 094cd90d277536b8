package io.github.aeponboarding.cli;

import io.github.aeponboarding.bench.BenchCommand;
import io.github.aeponboarding.console.ConsoleCommand;
import io.github.aeponboarding.emulator.EmulatorCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The root command: without a sub-command it runs the bundle (long-running mode). */
@Command(name = "aep-source-onboarding", mixinStandardHelpOptions = true,
        description = "Turns one request document into a running Adobe Experience Platform dataflow.",
        subcommands = {RunCommand.class, OnboardCommand.class, PlanCommand.class, DisableCommand.class, EnableCommand.class,
                OffboardCommand.class, StatusCommand.class, EmulatorCommand.class, BenchCommand.class, ConsoleCommand.class,
                ImportLedgerCommand.class})
public class AepOnboardingCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return new RunCommand().call();
    }
}
