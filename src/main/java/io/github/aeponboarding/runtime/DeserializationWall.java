package io.github.aeponboarding.runtime;

import java.io.ObjectInputFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide deserialization filter of the bundle's own process, the second wall behind the JMS
 * trigger refusing ObjectMessages: nothing the bundle does reads Java serialization, while its class
 * path carries classic gadget libraries (commons-collections, commons-beanutils). Set like
 * {@code -Djdk.serialFilter=!*}; a filter the operator already set (that property, or a host's own) is
 * left as it is.
 */
final class DeserializationWall {
    static final String PATTERN = "!*";
    private static final Logger LOG = LoggerFactory.getLogger(DeserializationWall.class);

    private DeserializationWall() {
    }

    static synchronized void install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current != null) {
            LOG.debug("JVM-wide deserialization filter already set: {}", current);
            return;
        }
        ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(PATTERN));
    }
}
