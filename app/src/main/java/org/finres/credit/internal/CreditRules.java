package org.finres.credit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.finres.credit.ScoringRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The scoring rules in force, read and validated once at start: a bad file stops the hub with every problem and its
 * line, rather than scoring a month under rules nobody meant.
 */
@Component
public class CreditRules {

    private static final Logger log = LoggerFactory.getLogger(CreditRules.class);
    static final String SHIPPED = "credit/scoring.yml";

    private final ScoringRules rules;

    CreditRules(CreditProperties properties) {
        this.rules = properties.rulesFile() == null || properties.rulesFile().isBlank() ? shipped()
                : ScoringRules.load(Path.of(properties.rulesFile().strip()));
        log.info("sharing credit scores under rules {} ({})", rules.version(),
                properties.rulesFile() == null || properties.rulesFile().isBlank() ? SHIPPED : properties.rulesFile());
    }

    public ScoringRules current() {
        return rules;
    }

    static ScoringRules shipped() {
        try (InputStream in = CreditRules.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) throw new IllegalStateException(SHIPPED + " is missing from the classpath");
            return ScoringRules.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + SHIPPED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SHIPPED, e);
        }
    }
}
