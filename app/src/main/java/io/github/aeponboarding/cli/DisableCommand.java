package io.github.aeponboarding.cli;

import io.github.aeponboarding.request.Action;
import picocli.CommandLine.Command;

/** {@code disable FILE...}: see {@link RequestCommand}. */
@Command(name = "disable", description = "Disable the flow each request created (POST /flows/{id}/action?op=DISABLE).")
public class DisableCommand extends RequestCommand {
    @Override
    Action action() {
        return Action.DISABLE;
    }
}
