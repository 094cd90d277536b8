package io.github.aeponboarding.cli;

import io.github.aeponboarding.request.Action;
import picocli.CommandLine.Command;

/** {@code enable FILE...}: see {@link RequestCommand}. */
@Command(name = "enable", description = "Enable the flow each request created (POST /flows/{id}/action?op=ENABLE).")
public class EnableCommand extends RequestCommand {
    @Override
    Action action() {
        return Action.ENABLE;
    }
}
