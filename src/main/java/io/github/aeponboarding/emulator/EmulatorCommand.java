package io.github.aeponboarding.emulator;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the emulator command lands. */
@Command(name = "emulator", description = "not implemented yet")
public class EmulatorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("emulator: not implemented yet");
        return 2;
    }
}
