package org.finres.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic (seeded) core-banking export that looks like a bank's nightly dump: pseudonymised customers,
 * accounts and balances as CSV, and one JSON Lines file of transactions per business date. {@link #write} makes
 * two folders: business date 1, and business date 2 where about 5 % of the content changed (a new day of
 * transactions, new customers and accounts appended, the balances of the accounts that moved rewritten, a few
 * customers' records updated). Day 2 is written as fresh files (as a real export is), not as links to day 1.
 *
 * <p>Shares of day 1: transactions 74 % over 20 business dates, customers 12 %, accounts 9 %, balances about 5 %.
 */
final class CoreDataSet {

    static final LocalDate FIRST_DATE = LocalDate.of(2026, 3, 2);
    private static final int HISTORY_DATES = 20;
    private static final String[] SEGMENTS = {"retail", "retail", "retail", "premier", "sme", "corporate", "private"};
    private static final String[] PRODUCTS = {"SAV-TWD", "SAV-TWD", "CHK-TWD", "TD-TWD", "SAV-USD", "TD-USD",
            "SAV-JPY", "LOAN-MTG", "LOAN-PER", "CC-VISA"};
    private static final String[] CHANNELS = {"ATM", "POS", "MOBILE", "INTERNET", "BRANCH", "FISC", "SWIFT", "ACH"};
    private static final String[] MCC = {"5411", "5812", "5541", "4121", "5999", "4900", "6011", "5311", "4814"};
    private static final String[] TXN_TYPES = {"DEBIT_CARD", "TRANSFER_OUT", "TRANSFER_IN", "CASH_WITHDRAWAL",
            "SALARY", "BILL_PAYMENT", "INTEREST", "FEE", "CASH_DEPOSIT", "STANDING_ORDER"};
    private static final String[] DESCRIPTIONS = {"7-ELEVEN TAIPEI XINYI", "FAMILYMART NEW TAIPEI",
            "TAIPOWER BILL", "CHUNGHWA TELECOM", "PX MART KAOHSIUNG", "HSR TICKET", "SALARY ACME SEMICONDUCTOR",
            "RENT TRANSFER", "INSURANCE PREMIUM", "MRT EASYCARD TOPUP", "CREDIT CARD REPAYMENT", "ONLINE PURCHASE"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** What {@link #write} produced. */
    record Result(Path day1, Path day2, LocalDate date1, LocalDate date2, long day1Bytes, long day2Bytes,
            long changedBytes, int day1Files, int day2Files) {
    }

    private final long seed;
    private final long targetBytes;

    CoreDataSet(long seed, long targetBytes) {
        this.seed = seed;
        this.targetBytes = targetBytes;
    }

    Result write(Path dir1, Path dir2) throws IOException {
        List<LocalDate> dates = businessDates(HISTORY_DATES + 1);
        LocalDate date1 = dates.get(HISTORY_DATES - 1);
        LocalDate date2 = dates.get(HISTORY_DATES);
        Files.createDirectories(dir1.resolve("transactions"));
        Files.createDirectories(dir2.resolve("transactions"));
        long changed = 0;

        // Customers: day 1; day 2 = the same rows with a few records updated, and new customers appended.
        int customers = rowsFor(0.12 * targetBytes, 150);
        int newCustomers = Math.max(1, customers / 500);
        Set<Integer> updated = pick(seed ^ 0xC0FFEE, customers, Math.max(1, Math.min(20, customers / 1000)));
        writeFile(dir1.resolve("customers.csv"), out -> customers(out, customers, 0, Set.of()));
        changed += writeFile(dir2.resolve("customers.csv"), out -> customers(out, customers, newCustomers, updated))
                - Files.size(dir1.resolve("customers.csv"));
        changed += updated.size() * 150L;
        progress("customers.csv", dir1);

        int accounts = rowsFor(0.09 * targetBytes, 110);
        int newAccounts = Math.max(1, accounts / 400);
        writeFile(dir1.resolve("accounts.csv"), out -> accounts(out, accounts, 0, customers));
        changed += writeFile(dir2.resolve("accounts.csv"), out -> accounts(out, accounts, newAccounts, customers))
                - Files.size(dir1.resolve("accounts.csv"));
        progress("accounts.csv", dir1);

        // Balances: day 2 moves the accounts that had transactions (about 8 %), and lists the new accounts.
        writeFile(dir1.resolve("balances.csv"), out -> balances(out, accounts, 0, date1, false));
        long before = Files.size(dir1.resolve("balances.csv"));
        long balances2 = writeFile(dir2.resolve("balances.csv"), out -> balances(out, accounts, newAccounts, date2,
                true));
        changed += (long) (0.08 * before) + (balances2 - before);
        progress("balances.csv", dir1);

        long perDate = (long) (0.74 * targetBytes / HISTORY_DATES);
        for (int d = 0; d < HISTORY_DATES; d++) {
            LocalDate date = dates.get(d);
            String name = "transactions/txn-" + date + ".jsonl";
            int index = d;
            writeFile(dir1.resolve(name), out -> transactions(out, date, index, perDate, accounts));
            Files.copy(dir1.resolve(name), dir2.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            progress(name, dir1);
        }
        String name = "transactions/txn-" + date2 + ".jsonl";
        changed += writeFile(dir2.resolve(name), out -> transactions(out, date2, HISTORY_DATES, perDate,
                accounts + newAccounts));
        return new Result(dir1, dir2, date1, date2, BenchFiles.size(dir1), BenchFiles.size(dir2), changed,
                BenchFiles.list(dir1).size(), BenchFiles.list(dir2).size());
    }

    private static void progress(String file, Path dir) {
        System.err.printf("  generated %s (%,d bytes so far in day 1)%n", file, BenchFiles.sizeQuietly(dir));
    }

    private static int rowsFor(double bytes, int rowBytes) {
        return (int) Math.max(10, bytes / rowBytes);
    }

    private static List<LocalDate> businessDates(int n) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = FIRST_DATE; out.size() < n; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                out.add(d);
            }
        }
        return out;
    }

    private static Set<Integer> pick(long seed, int bound, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<Integer> out = new HashSet<>();
        while (out.size() < count) {
            out.add(r.nextInt(bound));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ files

    private void customers(Line out, int count, int appended, Set<Integer> updated) throws IOException {
        out.s("customer_id,name_token,segment,branch,birth_year,district,risk_rating,kyc_review,email_hash,"
                + "phone_hash,since").nl();
        SplittableRandom r = new SplittableRandom(seed ^ 0x1001);
        for (int i = 0; i < count + appended; i++) {
            // Each row draws the same numbers whether or not it is updated, so later rows keep their bytes.
            int district = 100 + r.nextInt(900);
            int risk = r.nextInt(5);
            long emailHash = r.nextLong();
            long phoneHash = r.nextLong();
            long nameToken = r.nextLong();
            int birth = 1940 + r.nextInt(65);
            int branch = r.nextInt(400);
            String segment = SEGMENTS[r.nextInt(SEGMENTS.length)];
            int kycDays = r.nextInt(1000);
            int sinceDays = r.nextInt(9000);
            if (updated.contains(i)) {
                district = 100 + (district + 37) % 900;
                risk = (risk + 1) % 5;
                kycDays = 0;
            }
            out.s(customerId(i)).c(',').hex(nameToken).c(',').s(segment).c(',').s("BR").pad(branch, 4).c(',')
                    .n(birth).c(',').n(district).c(',').s(risk < 4 ? "R" + (risk + 1) : "HIGH").c(',')
                    .s(FIRST_DATE.minusDays(kycDays).toString()).c(',').hex(emailHash).hex(emailHash * 31).c(',')
                    .hex(phoneHash).c(',').s(FIRST_DATE.minusDays(sinceDays).toString()).nl();
        }
    }

    private static String customerId(int i) {
        return "CU" + String.format("%010d", i * 7L + 1_000_003L);
    }

    private static String accountId(int i) {
        return "TW" + String.format("%02d", (i * 13) % 97) + "0081" + String.format("%014d", 4_000_000_000L + i * 3L);
    }

    private void accounts(Line out, int count, int appended, int customers) throws IOException {
        out.s("account_id,customer_id,product,currency,opened,status,branch,rate_bp,limit,overdraft,statement_day")
                .nl();
        SplittableRandom r = new SplittableRandom(seed ^ 0x2002);
        for (int i = 0; i < count + appended; i++) {
            String product = PRODUCTS[r.nextInt(PRODUCTS.length)];
            int customer = r.nextInt(customers);
            int opened = r.nextInt(8000);
            int status = r.nextInt(50);
            out.s(accountId(i)).c(',').s(customerId(customer)).c(',').s(product).c(',')
                    .s(product.endsWith("USD") ? "USD" : product.endsWith("JPY") ? "JPY" : "TWD")
                    .c(',').s(i >= count ? FIRST_DATE.plusDays(28).toString()
                            : FIRST_DATE.minusDays(opened).toString())
                    .c(',').s(status == 0 ? "DORMANT" : status == 1 ? "FROZEN" : "ACTIVE").c(',').s("BR")
                    .pad(r.nextInt(400), 4).c(',').n(r.nextInt(250)).c(',').money(r.nextLong(100_000_000L))
                    .c(',').s(r.nextInt(10) == 0 ? "Y" : "N").c(',').n(1 + r.nextInt(28)).nl();
        }
    }

    private void balances(Line out, int count, int appended, LocalDate asOf, boolean moved) throws IOException {
        out.s("account_id,ledger_balance,available_balance,hold_amount,currency,last_activity").nl();
        SplittableRandom r = new SplittableRandom(seed ^ 0x3003);
        SplittableRandom move = new SplittableRandom(seed ^ 0x3103);
        for (int i = 0; i < count + appended; i++) {
            long ledger = r.nextLong(5_000_000_00L) - 20_000_00L;
            long hold = r.nextInt(10) == 0 ? r.nextLong(1_000_000L) : 0;
            int lastActivity = r.nextInt(60);
            String currency = r.nextInt(8) == 0 ? "USD" : "TWD";
            LocalDate last = asOf.minusDays(lastActivity + 1L);
            if (moved && (i >= count || move.nextInt(100) < 8)) {
                ledger += move.nextLong(2_000_000L) - 1_000_000L;
                last = asOf;
            }
            out.s(accountId(i)).c(',').money(ledger).c(',').money(ledger - hold).c(',').money(hold).c(',')
                    .s(currency).c(',').s(last.toString()).nl();
        }
    }

    private void transactions(Line out, LocalDate date, int dateIndex, long bytes, int accounts) throws IOException {
        SplittableRandom r = new SplittableRandom(seed ^ (0x4004L + dateIndex * 0x9E3779B97F4A7C15L));
        String day = date.toString();
        long seq = 0;
        while (out.written() < bytes) {
            int account = r.nextInt(accounts);
            String type = TXN_TYPES[r.nextInt(TXN_TYPES.length)];
            long amount = r.nextInt(4) == 0 ? r.nextLong(10_000_000L) : r.nextLong(300_000L);
            boolean credit = type.endsWith("_IN") || type.equals("SALARY") || type.equals("INTEREST")
                    || type.equals("CASH_DEPOSIT");
            int seconds = r.nextInt(86_400);
            out.s("{\"txn_id\":\"T").s(day.replace("-", "")).pad(seq++, 9).s("\",\"business_date\":\"").s(day)
                    .s("\",\"booking_ts\":\"").s(day).c('T').pad(seconds / 3600, 2).c(':').pad(seconds / 60 % 60, 2)
                    .c(':').pad(seconds % 60, 2).s("+08:00\",\"account_id\":\"").s(accountId(account))
                    .s("\",\"type\":\"").s(type).s("\",\"amount\":\"").s(credit ? "" : "-").money(amount)
                    .s("\",\"currency\":\"TWD\",\"channel\":\"").s(CHANNELS[r.nextInt(CHANNELS.length)])
                    .s("\",\"mcc\":\"").s(MCC[r.nextInt(MCC.length)]).s("\",\"counterparty\":\"")
                    .s(r.nextInt(3) == 0 ? accountId(r.nextInt(accounts)) : "EXT" + Long.toHexString(r.nextLong()))
                    .s("\",\"description\":\"").s(DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)])
                    .s("\",\"reference\":\"").hex(r.nextLong()).s("\",\"status\":\"")
                    .s(r.nextInt(200) == 0 ? "REVERSED" : "POSTED").s("\"}").nl();
        }
    }

    // ------------------------------------------------------------------------------------------------ output

    private interface Body {
        void write(Line out) throws IOException;
    }

    private static long writeFile(Path file, Body body) throws IOException {
        try (Line out = new Line(Files.newOutputStream(file))) {
            body.write(out);
            return out.written();
        }
    }

    /** A small ASCII line writer: no String.format on the hot path. */
    private static final class Line implements AutoCloseable {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int n;
        private long flushed;

        Line(OutputStream out) {
            this.out = new BufferedOutputStream(out, 1 << 20);
        }

        long written() {
            return flushed + n;
        }

        private void room(int k) throws IOException {
            if (n + k > buf.length) {
                out.write(buf, 0, n);
                flushed += n;
                n = 0;
            }
        }

        Line c(char ch) throws IOException {
            room(1);
            buf[n++] = (byte) ch;
            return this;
        }

        Line s(String s) throws IOException {
            room(s.length());
            s.getBytes(0, s.length(), buf, n); // ASCII only
            n += s.length();
            return this;
        }

        Line n(long v) throws IOException {
            return s(Long.toString(v));
        }

        Line pad(long v, int width) throws IOException {
            String s = Long.toString(v);
            room(width);
            for (int i = s.length(); i < width; i++) {
                buf[n++] = '0';
            }
            return s(s);
        }

        Line money(long cents) throws IOException {
            if (cents < 0) {
                c('-');
                cents = -cents;
            }
            n(cents / 100);
            c('.');
            return pad(cents % 100, 2);
        }

        Line hex(long v) throws IOException {
            room(16);
            for (int i = 60; i >= 0; i -= 4) {
                buf[n++] = (byte) HEX[(int) (v >>> i) & 0xf];
            }
            return this;
        }

        Line nl() throws IOException {
            return c('\n');
        }

        @Override
        public void close() throws IOException {
            out.write(buf, 0, n);
            flushed += n;
            n = 0;
            out.close();
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
