package io.github.aeponboarding.request;

import java.util.List;
import java.util.stream.Collectors;

/** A request that failed validation; it carries every problem found, each naming its field. */
public class InvalidRequestException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidRequestException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(new Problem(field, reason)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
