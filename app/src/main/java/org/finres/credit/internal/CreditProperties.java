package org.finres.credit.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rulesFile     a scoring rules YAML file replacing the shipped {@code credit/scoring.yml}; blank for the shipped one
 * @param publicRanking when true, members see every member's name in the ranking; otherwise only their own, the
 *                      others as "member #n" (the hub and the regulator always see names)
 */
@ConfigurationProperties("finres.credit")
public record CreditProperties(@DefaultValue("") String rulesFile, @DefaultValue("false") boolean publicRanking) {
}
