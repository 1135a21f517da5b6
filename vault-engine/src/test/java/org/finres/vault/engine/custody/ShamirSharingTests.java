package org.finres.vault.engine.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShamirSharingTests {

    private static byte[] secret() {
        byte[] s = new byte[32];
        new Random(7).nextBytes(s);
        return s;
    }

    @Test
    void gf256MultiplicationIsTheAesField() {
        assertThat(ShamirSharing.mul(0x57, 0x83)).isEqualTo(0xc1); // FIPS-197 section 4.2
        assertThat(ShamirSharing.mul(0x57, 0x13)).isEqualTo(0xfe);
        for (int a = 1; a < 256; a++) {
            assertThat(ShamirSharing.mul(ShamirSharing.div(1, a), a)).isEqualTo(1);
        }
    }

    @Test
    void everyChoiceOfMSharesInAnyOrderGivesTheSecret() {
        List<ShamirSharing.Share> shares = ShamirSharing.split(secret(), 3, 5);
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                for (int c = 0; c < 5; c++) {
                    if (a != b && b != c && a != c) {
                        assertThat(ShamirSharing.combine(List.of(shares.get(a), shares.get(b), shares.get(c))))
                                .isEqualTo(secret());
                    }
                }
            }
        }
        assertThat(ShamirSharing.combine(shares)).isEqualTo(secret());
    }

    @Test
    void sharesSurviveTheirEncoding() {
        List<ShamirSharing.Share> shares = ShamirSharing.split(secret(), 2, 4);
        List<ShamirSharing.Share> decoded = new ArrayList<>();
        for (ShamirSharing.Share s : shares.subList(2, 4)) {
            decoded.add(ShamirSharing.Share.decode(s.encode()));
        }
        assertThat(ShamirSharing.combine(decoded)).isEqualTo(secret());
    }

    @Test
    void aShareAloneIsNotTheSecretAndTwoSplitsDiffer() {
        List<ShamirSharing.Share> one = ShamirSharing.split(secret(), 2, 3);
        List<ShamirSharing.Share> two = ShamirSharing.split(secret(), 2, 3);
        assertThat(one.getFirst().value()).isNotEqualTo(secret()).isNotEqualTo(two.getFirst().value());
    }

    @Test
    void tooFewDuplicateMixedOrChangedSharesFailPrecisely() {
        List<ShamirSharing.Share> shares = ShamirSharing.split(secret(), 3, 5);
        assertThatThrownBy(() -> ShamirSharing.combine(shares.subList(0, 2)))
                .hasMessage("2 of the 3 required shares");
        assertThatThrownBy(() -> ShamirSharing.combine(List.of(shares.get(0), shares.get(1), shares.get(1))))
                .hasMessage("share 2 is given twice");
        List<ShamirSharing.Share> other = ShamirSharing.split(secret(), 3, 5);
        assertThatThrownBy(() -> ShamirSharing.combine(List.of(shares.get(0), shares.get(1), other.get(2))))
                .hasMessage("share 3 belongs to another split than share 1");
        ShamirSharing.Share s = shares.get(2);
        byte[] value = s.value();
        value[9] ^= 1;
        ShamirSharing.Share changed = new ShamirSharing.Share(s.splitId(), 3, 5, 3, value, s.check());
        assertThatThrownBy(() -> ShamirSharing.combine(List.of(shares.get(0), shares.get(1), changed)))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(CustodyRefusedException.Reason.TAMPERED))
                .hasMessageContaining("do not combine to the key their check names");
    }

    @Test
    void impossibleSplitsAreRefused() {
        assertThatThrownBy(() -> ShamirSharing.split(secret(), 4, 3)).hasMessageContaining("1 <= M <= N <= 255");
        assertThatThrownBy(() -> ShamirSharing.Share.decode(new byte[] {1, 2})).hasMessageContaining("not a version 1");
    }
}
