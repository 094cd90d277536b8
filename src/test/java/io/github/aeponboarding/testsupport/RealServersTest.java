package io.github.aeponboarding.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real servers multi-process tests start: they come up, take clients, and go down when told. */
class RealServersTest {
    @TempDir
    Path dir;

    @Test
    void postgres_serves_sql_isolates_databases_and_can_be_stopped_and_started() {
        PostgresServer pg = PostgresServer.shared();
        assertThat(pg.psql(PostgresServer.DATABASE, "select 1")).isEqualTo("1");
        assertThat(pg.properties()).containsEntry("onboarding.db-url", "jdbc:postgresql://127.0.0.1:" + pg.port() + "/aep");
        assertThat(pg.env()).containsEntry("ONBOARDING_DB_PASSWORD", pg.password());

        String url = pg.newDatabase("real_servers_test");
        assertThat(url).endsWith("/real_servers_test");
        pg.psql("real_servers_test", "create table t (x int); insert into t values (42)");
        assertThat(pg.psql("real_servers_test", "select x from t")).isEqualTo("42");
        pg.newDatabase("real_servers_test");
        assertThat(pg.psql("real_servers_test", "select count(*) from pg_tables where tablename = 't'")).isEqualTo("0");

        pg.stop();
        assertThat(accepts(pg.port())).isFalse();
        pg.start();
        assertThat(pg.psql(PostgresServer.DATABASE, "select current_user")).isEqualTo("aep");
        pg.kill();
        assertThat(accepts(pg.port())).isFalse();
        pg.start();
        assertThat(pg.psql(PostgresServer.DATABASE, "select 1")).isEqualTo("1");
    }

    @Test
    void artemis_broker_requires_login_delivers_and_dead_letters_after_five_attempts() throws Exception {
        try (ArtemisBroker broker = ArtemisBroker.start(dir.resolve("broker"))) {
            assertThat(broker.env()).containsEntry("ONBOARDING_BROKER_URL", "tcp://127.0.0.1:" + broker.port());
            assertThatThrownBy(() -> new ActiveMQConnectionFactory(broker.url()).createConnection().close())
                    .isInstanceOf(JMSSecurityException.class);

            try (Jms jms = new Jms(broker.url(), broker.user(), broker.password())) {
                jms.send(Jms.REQUESTS, "hello".getBytes(), false);
                List<Message> received = jms.receive(Jms.REQUESTS, 1, Duration.ofSeconds(5));
                assertThat(received).hasSize(1);
                assertThat(Jms.text(received.get(0))).isEqualTo("hello");
            }

            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), broker.user(), broker.password());
            try (Connection c = factory.createConnection()) {
                c.start();
                Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                s.createProducer(s.createQueue("poison")).send(s.createTextMessage("poison"));
                s.commit();
                try (MessageConsumer consumer = s.createConsumer(s.createQueue("poison"))) {
                    for (int attempt = 1; attempt <= 5; attempt++) {
                        assertThat(consumer.receive(5000)).as("delivery %d", attempt).isNotNull();
                        s.rollback();
                    }
                    assertThat(consumer.receive(500)).isNull();
                }
                try (MessageConsumer dlq = s.createConsumer(s.createQueue("DLQ"))) {
                    Message m = dlq.receive(5000);
                    assertThat(m).isInstanceOf(TextMessage.class);
                    assertThat(((TextMessage) m).getText()).isEqualTo("poison");
                    s.commit();
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
