package org.finres.events.internal.syslog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateInstitutionTests {

    private static TestPki pki;

    @BeforeAll
    static void authority() throws Exception {
        pki = TestPki.create();
    }

    @Test
    void subjectCommonNameNamesTheInstitution() throws Exception {
        var certificate = pki.selfSigned("CN=bank-a,OU=SOC,O=Bank A,C=TW", "san=dns:syslog.bank-a.example");

        assertThat(new CertificateInstitution(certificate).claimed()).contains("bank-a");
    }

    @Test
    void firstDnsNameNamesTheInstitutionWhenTheSubjectHasNoCommonName() throws Exception {
        var certificate = pki.selfSigned("OU=SOC,O=Bank B,C=TW", "san=dns:bank-b,dns:other-name");

        assertThat(new CertificateInstitution(certificate).claimed()).contains("bank-b");
    }

    @Test
    void certificateWithNeitherNamesNoInstitution() throws Exception {
        var certificate = pki.selfSigned("OU=SOC,O=Bank C,C=TW", null);

        assertThat(new CertificateInstitution(certificate).claimed()).isEmpty();
    }
}
