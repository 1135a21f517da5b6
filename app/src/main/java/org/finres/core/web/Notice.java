package org.finres.core.web;

import java.io.Serializable;

/**
 * A confirmation shown once on the page a form redirects to ("Institution created"), carried as a flash attribute.
 *
 * @param key     message key
 * @param subject what the message is about (a name or id), its only argument
 */
record Notice(String key, String subject) implements Serializable {

    static final String ATTRIBUTE = "notice";
}
