package org.finres.detection.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Reads a request body up to a limit; a larger one is refused with 413 before anything is stored. */
final class BoundedBody {

    static byte[] read(HttpServletRequest request, long max) throws IOException {
        if (request.getContentLengthLong() > max) {
            throw tooLarge(request.getContentLengthLong(), max);
        }
        InputStream in = request.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                throw tooLarge(total, max);
            }
            out.write(buffer, 0, n);
        }
        if (total == 0) {
            throw new InvalidInputException("body", "is empty");
        }
        return out.toByteArray();
    }

    private static ResponseStatusException tooLarge(long size, long max) {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "the request body of at least " + size + " bytes is larger than the limit of " + max + " bytes");
    }

    private BoundedBody() {
    }
}
