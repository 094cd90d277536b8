package io.github.aeponboarding.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Long-running mode: the bundle's routes with their file and JMS triggers. */
@Command(name = "run", description = "Run the bundle (default).")
public class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        System.err.println("run: not implemented yet");
        return 2;
    }
}
