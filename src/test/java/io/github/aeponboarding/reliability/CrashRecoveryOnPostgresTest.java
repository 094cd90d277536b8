package io.github.aeponboarding.reliability;

import io.github.aeponboarding.testsupport.PostgresServer;
import java.util.Map;

/** {@link CrashRecoveryTest} with the store on a real PostgreSQL server. */
class CrashRecoveryOnPostgresTest extends CrashRecoveryTest {
    @Override
    Map<String, String> store() {
        return PostgresServer.shared().properties("crash");
    }
}
