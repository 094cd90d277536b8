package io.github.aeponboarding.request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A request that failed validation; it carries every problem found, each naming its field.
 * Problems are sorted by field (indexes numerically, so [2] before [10]), de-duplicated and capped,
 * so one broken document cannot produce an unbounded report.
 */
public class InvalidRequestException extends RuntimeException {
    public static final int MAX_PROBLEMS = 50;
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final List<Problem> problems;

    public InvalidRequestException(List<Problem> problems) {
        super(normalize(problems).stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = normalize(problems);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(new Problem(field, reason)));
    }

    /** Throws when {@code problems} is not empty: the one way callers turn a check's result into a rejection. */
    public static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    public List<Problem> problems() {
        return problems;
    }

    private static List<Problem> normalize(List<Problem> problems) {
        List<Problem> sorted = problems.stream().distinct()
                .sorted(Comparator.comparing((Problem p) -> sortKey(p.field())).thenComparing(Problem::reason))
                .collect(Collectors.toCollection(ArrayList::new));
        if (sorted.size() > MAX_PROBLEMS) {
            int hidden = sorted.size() - (MAX_PROBLEMS - 1);
            sorted.subList(MAX_PROBLEMS - 1, sorted.size()).clear();
            sorted.add(new Problem(FieldPath.ROOT, hidden + " more problems not shown"));
        }
        return List.copyOf(sorted);
    }

    /** Zero-pads indexes so that string order is numeric order. */
    private static String sortKey(String field) {
        Matcher m = NUMBER.matcher(field);
        StringBuilder key = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(key, "0".repeat(Math.max(0, 10 - m.group().length())) + m.group());
        }
        m.appendTail(key);
        return key.toString();
    }
}
