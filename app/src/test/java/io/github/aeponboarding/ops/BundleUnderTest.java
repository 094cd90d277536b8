package io.github.aeponboarding.ops;

import java.util.List;

/**
 * What the ops tests need from "the bundle": where its Jolokia is and which routes Hawtio must show.
 * {@link DemoCamelTarget} is a small in-process stand-in; the real bundle process
 * ({@code java -jar target/aep-source-onboarding.jar} with the local profile) can implement this too.
 */
public interface BundleUnderTest extends AutoCloseable {

    /** For example {@code http://localhost:9876/observe/jolokia}. */
    String jolokiaUrl();

    /** Route ids that have processed at least one exchange by the time the test looks. */
    List<String> routeIds();

    /** Camel context name, shown in Hawtio's tree. */
    String contextName();

    @Override
    void close();
}
