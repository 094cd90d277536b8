package io.github.aeponboarding.console;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the console command lands. */
@Command(name = "console", description = "not implemented yet")
public class ConsoleCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("console: not implemented yet");
        return 2;
    }
}
