package io.github.aeponboarding.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** One shot: onboard each file through the bundle's routes and exit. */
@Command(name = "onboard", description = "Onboard request files and exit.")
public class OnboardCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        System.err.println("onboard: not implemented yet");
        return 2;
    }
}
