package io.github.aeponboarding.reliability;

import io.github.aeponboarding.testsupport.PostgresServer;
import java.util.Map;

/** {@link ResubmissionTest} with the store on a real PostgreSQL server. */
class ResubmissionOnPostgresTest extends ResubmissionTest {
    @Override
    Map<String, String> store() {
        return PostgresServer.shared().properties("resubmission");
    }
}
