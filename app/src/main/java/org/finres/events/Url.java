package org.finres.events;

/** OCSF {@code url}: a URL as written, with the parts we could take apart. */
public record Url(String urlString, String scheme, String hostname, Integer port, String path, String queryString,
                  String domain) {

    /** Takes a URL string apart where it can; a string that does not parse keeps only {@code url_string}. */
    public static Url parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(text);
            return new Url(text, uri.getScheme(), uri.getHost(), uri.getPort() < 0 ? null : uri.getPort(),
                    uri.getRawPath() == null || uri.getRawPath().isEmpty() ? null : uri.getRawPath(),
                    uri.getRawQuery(), null);
        } catch (java.net.URISyntaxException e) {
            return new Url(text, null, null, null, null, null, null);
        }
    }
}
