package io.siplane.registrar.subscriber;

import io.siplane.registrar.Aor;
import io.siplane.registrar.RegistrationPublisher.PublishException;
import io.siplane.registrar.config.RegistrarConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates the subscribers of {@code registrar.provisioning.csv} ({@code user;password} per line) that do not
 * exist yet. Runs once the subscriber topic has been read, so existing subscribers (maybe with a changed
 * password) are left alone and a restart publishes nothing. Logs user names and counts, never passwords.
 */
@ApplicationScoped
public class CsvProvisioner {

    private static final Logger LOG = Logger.getLogger(CsvProvisioner.class);

    @Inject
    RegistrarConfig config;

    @Inject
    SubscriberService subscribers;

    public void provision() {
        if (config.provisioning().csv().isEmpty()) {
            return;
        }
        Path csv = config.provisioning().csv().get();
        String domain = config.provisioning().domain().orElse(config.domain());
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.errorf("cannot read subscriber CSV %s: %s", csv, e.getMessage());
            return;
        }
        int created = 0;
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int semi = l.indexOf(';');
            if (semi <= 0 || semi == l.length() - 1) {
                LOG.warnf("%s line %d: expected user;password, skipped", csv, lineNumber);
                continue;
            }
            String user = l.substring(0, semi).strip();
            String password = l.substring(semi + 1);
            try {
                if (subscribers.create(Aor.of(user, domain), password) == SubscriberService.Outcome.CREATED) {
                    created++;
                }
            } catch (PublishException e) {
                LOG.errorf("subscriber CSV: Kafka unavailable after %d subscribers; the rest on next start", created);
                return;
            }
        }
        LOG.infof("subscriber CSV %s: %d created", csv, created);
    }
}
