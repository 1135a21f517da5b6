package org.finres.warning.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or CIDR block as a closed interval of addresses, so that "does this warning's range touch
 * this member's declared range" is one comparison. Parsed without DNS: only literal addresses are accepted.
 */
public record AddressRange(int bits, BigInteger first, BigInteger last) {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public static Optional<AddressRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            return Optional.empty();
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bits) {
                return Optional.empty();
            }
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value.andNot(hostMask);
        return Optional.of(new AddressRange(bits, first, first.or(hostMask)));
    }

    public static boolean isAddress(String text) {
        return text != null && !text.contains("/") && literal(text.strip()) != null;
    }

    public static boolean isRange(String text) {
        return parse(text).isPresent();
    }

    public boolean overlaps(AddressRange other) {
        return bits == other.bits && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    private static byte[] literal(String address) {
        boolean v4 = V4.matcher(address).matches();
        if (!v4 && !V6.matcher(address).matches()) {
            return null; // never hand a name to InetAddress: it would resolve it
        }
        if (v4) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            return v4 == (b.length == 4) ? b : null;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
