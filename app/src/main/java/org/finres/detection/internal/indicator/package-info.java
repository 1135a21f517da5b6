/**
 * The Spring-free indicator matching core: parses and normalises indicators (IP, network, domain, URL, hash, e-mail)
 * and analysts' bulk lists, and matches any event observable against millions of them in a compact immutable index.
 */
package org.finres.detection.internal.indicator;
