package org.finres.cli.hub;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessHubTests {

    @Test
    void failedStartIsReportedByItsInnermostReason() {
        var failure = new InProcessHub.DidNotStart(new ApplicationContextException("Unable to start",
                new IllegalStateException("wrapper", new java.io.IOException("disk full"))));

        assertThat(failure.getMessage()).isEqualTo("the hub did not start: disk full");
        assertThat(failure.exitStatus().code()).isEqualTo(3);
    }

    @Test
    void busyPortIsNamedWithAWayOut() {
        var failure = new InProcessHub.DidNotStart(new ApplicationContextException("Unable to start web server",
                new PortInUseException(8080, new java.net.BindException("Address already in use"))));

        assertThat(failure.getMessage()).isEqualTo(
                "the hub did not start: port 8080 is already in use; choose another with --port (0 picks a free one)");
    }
}
