package io.github.aeponboarding.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The log level of a run, chosen before Log4j starts (its configuration reads {@code aep.log.level}
 * once). A one-shot command ({@code onboard}, {@code plan}, {@code status}, ...) answers a person or a
 * script: stdout carries its results, and stderr only warnings and errors unless asked
 * ({@code -v}: INFO, {@code -vv}: DEBUG). The long-running modes keep INFO. An operator's
 * {@code -Daep.log.level=...} always wins. As a picocli mixin it declares the option for the commands'
 * parsing and help; {@link #configure} reads it from the arguments before that.
 */
public final class CommandLogging {
    /** The JVM system property log4j2.properties reads the root level from. */
    public static final String LEVEL_PROPERTY = "aep.log.level";
    static final Set<String> ONE_SHOT = Set.of("onboard", "plan", "disable", "enable", "offboard", "status");

    @Option(names = {"-v", "--verbose"}, description = "Log to stderr at INFO (-vv: DEBUG); by default only warnings and errors.")
    boolean[] verbose = new boolean[0];

    /** Sets {@link #LEVEL_PROPERTY} for the command in {@code args}, unless the JVM was given one. */
    public static void configure(String[] args) {
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            level(List.of(args)).ifPresent(level -> System.setProperty(LEVEL_PROPERTY, level));
        }
    }

    /**
     * The level for these arguments, empty for commands that keep the configured default. A pre-scan,
     * not picocli: building the command line instantiates every command, and a logger created then
     * would fix the level before it is chosen.
     */
    static Optional<String> level(List<String> args) {
        String command = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (!ONE_SHOT.contains(command)) {
            return Optional.empty();
        }
        int verbosity = 0;
        for (String arg : args.subList(args.indexOf(command) + 1, args.size())) {
            if (arg.equals("--")) {
                break;   // what follows are file names
            }
            if (arg.equals("--verbose")) {
                verbosity++;
            } else if (arg.matches("-v+")) {
                verbosity += arg.length() - 1;
            }
        }
        return Optional.of(verbosity == 0 ? "WARN" : verbosity == 1 ? "INFO" : "DEBUG");
    }

}
