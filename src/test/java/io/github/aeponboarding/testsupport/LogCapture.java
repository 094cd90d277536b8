package io.github.aeponboarding.testsupport;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything logged while it is open (messages and stack traces), with chosen loggers at DEBUG (or a chosen level). */
public final class LogCapture implements AutoCloseable {
    private static final String NAME = "test-capture";
    private final StringWriter text = new StringWriter();
    private final String[] debugLoggers;

    public LogCapture(String... debugLoggers) {
        this(Level.DEBUG, debugLoggers);
    }

    public LogCapture(Level level, String... debugLoggers) {
        this.debugLoggers = debugLoggers;
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName(NAME).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%d %p [%t] %c - %m%n%throwable").build()).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (String logger : debugLoggers) {
            Configurator.setLevel(logger, level);
        }
        context.updateLoggers();
    }

    public synchronized String text() {
        return text.toString();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(NAME);
        for (String logger : debugLoggers) {
            Configurator.setLevel(logger, Level.INFO);
        }
        context.updateLoggers();
    }
}
