package io.github.aeponboarding.cli;

import io.github.aeponboarding.request.Action;
import picocli.CommandLine.Command;

/** {@code offboard FILE...}: see {@link RequestCommand}. */
@Command(name = "offboard", description = "Delete what each request created, in reverse dependency order; safe to repeat.")
public class OffboardCommand extends RequestCommand {
    @Override
    Action action() {
        return Action.OFFBOARD;
    }
}
