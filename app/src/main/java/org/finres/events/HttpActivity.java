package org.finres.events;

import java.util.Locale;
import java.util.Objects;

/** HTTP Activity (4002): a request (and its response) between a client and a web server; activity = method. */
public record HttpActivity(BaseAttributes base, NetworkEndpoint srcEndpoint, NetworkEndpoint dstEndpoint,
                           ConnectionInfo connectionInfo, NetworkTraffic traffic, HttpRequest httpRequest,
                           HttpResponse httpResponse, Integer httpStatus) implements OcsfEvent {

    public HttpActivity {
        Objects.requireNonNull(base, "base");
    }

    /** The activity id of an HTTP method: OCSF numbers them (GET 3, POST 6...); unknown methods are 99 Other. */
    public static int activityOf(String method) {
        if (method == null || method.isBlank()) {
            return 0;
        }
        String wanted = method.trim().toUpperCase(Locale.ROOT);
        for (var entry : OcsfClass.HTTP_ACTIVITY.activities().entrySet()) {
            if (entry.getKey() != 0 && entry.getKey() != 99
                    && entry.getValue().replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT).equals(wanted)) {
                return entry.getKey();
            }
        }
        return switch (wanted) {
            case "PROPFIND" -> 28;
            case "PROPPATCH" -> 29;
            case "MKCOL" -> 22;
            case "MKCALENDAR" -> 21;
            case "MKACTIVITY" -> 20;
            case "MKWORKSPACE" -> 24;
            case "MKREDIRECTREF" -> 23;
            case "UPDATEREDIRECTREF" -> 39;
            case "UNCHECKOUT" -> 35;
            default -> 99;
        };
    }

    @Override
    public HttpActivity withBase(BaseAttributes newBase) {
        return new HttpActivity(newBase, srcEndpoint, dstEndpoint, connectionInfo, traffic, httpRequest, httpResponse,
                httpStatus);
    }
}
