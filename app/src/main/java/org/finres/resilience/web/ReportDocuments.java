package org.finres.resilience.web;

import java.util.Locale;

import org.finres.resilience.ResilienceReport;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a report as one standalone HTML document: its styles inside, no script, no link back into the hub, so it
 * prints and archives as it is.
 */
@Component
class ReportDocuments {

    private final ITemplateEngine templates;

    ReportDocuments(ITemplateEngine templates) {
        this.templates = templates;
    }

    String html(ResilienceReport report, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("report", report);
        context.setVariable("fmt", new ReportFormat());
        return templates.process(switch (report) {
            case ResilienceReport.Institution i -> "resilience/report-institution";
            case ResilienceReport.Sector s -> "resilience/report-sector";
        }, context);
    }

    /** Formatting the templates need. */
    public static final class ReportFormat {
        public String d(java.time.Duration d) {
            return ResilienceViews.d(d);
        }

        /** downtime, data-loss or service-level: which kind of breach, for the templates' switch. */
        public String kind(org.finres.resilience.engine.analysis.Breach b) {
            return switch (b) {
                case org.finres.resilience.engine.analysis.Breach.Downtime t -> "downtime";
                case org.finres.resilience.engine.analysis.Breach.DataLoss l -> "data-loss";
                case org.finres.resilience.engine.analysis.Breach.ServiceLevel l -> "service-level";
            };
        }

        public String ms(Long ms) {
            return ms == null ? "–" : ResilienceViews.d(java.time.Duration.ofMillis(ms));
        }
    }
}
