package io.github.aeponboarding;

import io.github.aeponboarding.cli.AepOnboardingCommand;
import io.github.aeponboarding.cli.CommandLogging;
import picocli.CommandLine;

/** Entry point: `run` (default), `onboard`, `emulator`, `bench` and `console`, see {@link AepOnboardingCommand}. */
public final class Application {
    public static void main(String[] args) {
        CommandLogging.configure(args);   // first: nothing may have started Log4j yet
        System.exit(new CommandLine(new AepOnboardingCommand()).execute(args));
    }
}
