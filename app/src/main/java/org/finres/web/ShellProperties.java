package org.finres.web;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presentation settings of the web shell.
 *
 * @param timeZone the zone pages show times in; the hub stores UTC, its users read Taiwan time
 */
@ConfigurationProperties("finres.web")
record ShellProperties(@DefaultValue("Asia/Taipei") ZoneId timeZone) {
}
