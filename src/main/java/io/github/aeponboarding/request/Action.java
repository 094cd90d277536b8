package io.github.aeponboarding.request;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a trigger asks the bundle to do with a request (the document's {@code action}, the command's
 * sub-command, the JMS property {@code AepAction}), and the status a success of it answers.
 */
public enum Action {
    ONBOARD(null),
    PLAN("PLANNED"),
    DISABLE("DISABLED"),
    ENABLE("ENABLED"),
    OFFBOARD("OFFBOARDED");

    /** The request document's field, and the name of the action in problems. */
    public static final String FIELD = "$.action";

    private final String status;

    Action(String status) {
        this.status = status;
    }

    /** As written in documents and on the command line: {@code onboard}, {@code plan}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a success answers (onboard answers CREATED, UNCHANGED or UPDATED, so none here). */
    public String status() {
        return status;
    }

    public static Optional<Action> of(String word) {
        return Arrays.stream(values()).filter(a -> a.word().equals(word)).findFirst();
    }

    /** {@code onboard, plan, ...}: for messages. */
    public static String words() {
        return Arrays.stream(values()).map(Action::word).collect(Collectors.joining(", "));
    }
}
