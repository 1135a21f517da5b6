package org.finres.intel.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The TAXII server's settings ({@code finres.intel.taxii.*}).
 *
 * @param maxContentLength largest POST body (the API root's max_content_length; 413 above)
 * @param defaultPageSize  objects per page when the client names no limit
 * @param maxPageSize      the largest limit honoured; a larger one is cut to this
 * @param contact          the discovery resource's contact
 */
@ConfigurationProperties("finres.intel.taxii")
public record TaxiiProperties(@DefaultValue("10MB") DataSize maxContentLength, @DefaultValue("100") int defaultPageSize,
                              @DefaultValue("1000") int maxPageSize,
                              @DefaultValue("the F-ISAC hub operator") String contact) {
}
