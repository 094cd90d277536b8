package io.github.aeponboarding.cli;

import io.github.aeponboarding.runtime.BundleMain;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Long-running mode: the file and JMS triggers, until SIGTERM. */
@Command(name = "run", description = "Run the bundle (the default): file drop and JMS triggers, until stopped.")
public class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        BundleMain.create(Map.of()).run();
        return 0;
    }
}
