package org.finres.events.internal.syslog;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The institution id a client certificate names: its subject's CN, or, without one, its first DNS name. The hub's
 * client CA signs one certificate per institution, so this name is what authenticates the sender.
 */
record CertificateInstitution(X509Certificate certificate) {

    private static final int DNS_NAME = 2;

    Optional<String> claimed() {
        return commonName().or(this::firstDnsName);
    }

    private Optional<String> commonName() {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns();
            // LdapName indexes the RDNs from the most significant (C, O...) down, so the last CN is the most specific.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return Optional.of(String.valueOf(rdns.get(i).getValue()).strip());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private Optional<String> firstDnsName() {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            return names.stream()
                    .filter(name -> name.size() >= 2 && Integer.valueOf(DNS_NAME).equals(name.get(0)))
                    .map(name -> String.valueOf(name.get(1)).strip())
                    .findFirst();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }
}
