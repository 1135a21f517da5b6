package org.finres.coredata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates realistic, consistent core data for tests, demos and benchmarks, deterministically: the same spec
 * gives the same bytes. Every account's day is drawn from its own seeded random stream, so the next business date
 * ({@link #writeNextDay}) can replay any account's previous closing without keeping the previous day in memory:
 * its opening is yesterday's closing, a {@code changeRate} share of the accounts move, new accounts open at zero,
 * and nothing else changes. Output is a standard dataset, or the CSV source folder an institution would export.
 */
public final class DatasetGenerator {

    /**
     * @param customers          number of customers (each has 1..maxAccountsPerCustomer accounts)
     * @param meanTransactions   average transactions per moving account and day
     * @param seed               the same seed gives the same data
     */
    public record Spec(String institution, LocalDate businessDate, int customers, int maxAccountsPerCustomer,
            int meanTransactions, long seed) {

        public Spec {
            Fields.id(institution, "institution");
            Fields.required(businessDate, "business date");
            if (customers < 1 || maxAccountsPerCustomer < 1 || meanTransactions < 0) {
                throw new IllegalArgumentException("customers and accounts per customer must be at least 1, "
                        + "transactions at least 0");
            }
        }
    }

    private static final String[] GIVEN = {"Xiao-Ming", "Mei-Hua", "Chia-Hao", "Yu-Ting", "Wei-Lun", "Shu-Fen",
            "Chih-Wei", "Hsin-Yi", "Po-Han", "Ya-Ting"};
    private static final String[] FAMILY = {"Chen", "Lin", "Huang", "Chang", "Li", "Wang", "Wu", "Liu", "Tsai",
            "Yang"};
    private static final String[] SEGMENTS = {"retail", "retail", "retail", "premier", "sme", "corporate"};
    private static final String[] DESCRIPTIONS = {"7-ELEVEN TAIPEI XINYI", "FAMILYMART NEW TAIPEI", "TAIPOWER BILL",
            "CHUNGHWA TELECOM", "PX MART KAOHSIUNG", "HSR TICKET", "SALARY ACME SEMICONDUCTOR", "RENT TRANSFER",
            "INSURANCE PREMIUM", "MRT EASYCARD TOPUP", "CREDIT CARD REPAYMENT", "ONLINE PURCHASE"};
    private static final AccountType[] TYPES = {AccountType.SAVINGS, AccountType.SAVINGS, AccountType.CURRENT,
            AccountType.TIME_DEPOSIT, AccountType.CARD};
    private static final CurrencyCode TWD = CurrencyCode.of("TWD");
    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode JPY = CurrencyCode.of("JPY");

    private final Spec spec;
    private final CustomerPseudonymiser pseudonymiser;
    private final int[] firstAccount;   // customer -> index of its first account; last entry = total accounts

    public DatasetGenerator(Spec spec, CustomerPseudonymiser pseudonymiser) {
        this.spec = spec;
        this.pseudonymiser = pseudonymiser;
        this.firstAccount = new int[spec.customers() + 1];
        SplittableRandom r = new SplittableRandom(spec.seed() ^ 0xA11CE);
        for (int c = 0; c < spec.customers(); c++) {
            firstAccount[c + 1] = firstAccount[c] + 1 + r.nextInt(spec.maxAccountsPerCustomer());
        }
    }

    /** Accounts of the first business date. */
    public int accounts() {
        return firstAccount[spec.customers()];
    }

    /** Writes the first business date as a standard dataset at {@code target} (which must not exist). */
    public Path write(Path target, ProgressListener progress) {
        try (DatasetWriter w = DatasetWriter.create(target, spec.institution(), spec.businessDate())) {
            emitDay(new DatasetSink(w), spec.businessDate(), null, 0, progress);
            return w.publish();
        }
    }

    /**
     * Writes the business date {@code date} (after the spec's) as a standard dataset: continuity with
     * {@link #write}'s dataset holds, {@code changeRate} (0..1) of the accounts have entries, and
     * {@code changeRate / 10} of the account count is new accounts opened that day at zero.
     */
    public Path writeNextDay(LocalDate date, double changeRate, Path target, ProgressListener progress) {
        checkNextDay(date, changeRate);
        try (DatasetWriter w = DatasetWriter.create(target, spec.institution(), date)) {
            emitDay(new DatasetSink(w), date, spec.businessDate(), changeRate, progress);
            return w.publish();
        }
    }

    /** The first business date as a CSV source folder (customers.csv ...), as an institution would export it. */
    public Path writeCsvSource(Path folder) {
        return writeCsv(folder, spec.businessDate(), null, 0);
    }

    /** The next business date as a CSV source folder. */
    public Path writeCsvSourceNextDay(LocalDate date, double changeRate, Path folder) {
        checkNextDay(date, changeRate);
        return writeCsv(folder, date, spec.businessDate(), changeRate);
    }

    private void checkNextDay(LocalDate date, double changeRate) {
        if (!date.isAfter(spec.businessDate())) {
            throw new IllegalArgumentException("the next day must come after " + spec.businessDate());
        }
        if (!(changeRate >= 0 && changeRate <= 1)) {
            throw new IllegalArgumentException("change rate must be between 0 and 1");
        }
    }

    private Path writeCsv(Path folder, LocalDate date, LocalDate previous, double changeRate) {
        try {
            Files.createDirectories(folder);
            try (CsvSink sink = new CsvSink(folder)) {
                emitDay(sink, date, previous, changeRate, ProgressListener.NONE);
            }
            return folder;
        } catch (IOException e) {
            throw new DatasetStorageException("cannot write the CSV source in " + folder, e);
        }
    }

    /** Where generated records go: a dataset, or CSV source files (which need the customer reference). */
    private interface Sink {
        void customer(String reference, Customer customer) throws IOException;

        void account(String customerReference, Account account) throws IOException;

        void record(CoreRecord record) throws IOException;
    }

    private void emitDay(Sink sink, LocalDate date, LocalDate previous, double changeRate, ProgressListener progress) {
        try {
            int accounts = accounts();
            int opened = previous == null ? 0 : (int) Math.round(accounts * changeRate / 10);
            long records = 0;
            for (int c = 0; c < spec.customers(); c++) {
                String ref = reference(c);
                sink.customer(ref, customer(c, ref, previous != null && movesOn(c, 1, changeRate)));
            }
            for (int c = 0; c < spec.customers(); c++) {
                for (int a = firstAccount[c]; a < firstAccount[c + 1]; a++) {
                    records += emitAccount(sink, a, c, date, previous, changeRate, false);
                    if (++records % 65_536 == 0) {
                        progress.progressed(new ProgressListener.Progress(ProgressListener.Phase.IMPORTING,
                                "generated", 0, -1, records));
                    }
                }
            }
            for (int n = 0; n < opened; n++) {
                int customer = (int) Math.floorMod(mix(spec.seed(), n, 77), (long) spec.customers());
                records += emitAccount(sink, accounts + n, customer, date, previous, changeRate, true);
            }
        } catch (IOException e) {
            throw new DatasetStorageException("cannot write generated data", e);
        }
    }

    private long emitAccount(Sink sink, int a, int customer, LocalDate date, LocalDate previous, double changeRate,
            boolean openedToday) throws IOException {
        SplittableRandom shape = new SplittableRandom(mix(spec.seed(), a, 1));
        CurrencyCode currency = shape.nextInt(10) == 0 ? USD : shape.nextInt(20) == 0 ? JPY : TWD;
        AccountType type = TYPES[shape.nextInt(TYPES.length)];
        LocalDate openedOn = openedToday ? date : spec.businessDate().minusDays(30 + shape.nextInt(8000));
        BigDecimal start = openedToday ? zero(currency) : money(shape, currency, 5_000_000);
        String accountId = accountId(a);
        sink.account(reference(customer), new Account(accountId, pseudonymiser.pseudonym(reference(customer)), type,
                currency, AccountStatus.ACTIVE, openedOn));

        BigDecimal opening;
        SplittableRandom day;
        if (previous == null || openedToday) {
            opening = start;
            day = new SplittableRandom(mix(spec.seed(), a, openedToday ? 3 : 2));
        } else {
            // Replay the first day of this account to know its closing, today's opening.
            opening = dayEntries(null, accountId, currency, start, new SplittableRandom(mix(spec.seed(), a, 2)),
                    spec.businessDate(), Integer.MAX_VALUE);
            day = new SplittableRandom(mix(spec.seed(), a, 3));
        }
        boolean moves = previous == null || openedToday || movesOn(a, 2, changeRate);
        long written = 1;
        BigDecimal closing = opening;
        java.util.List<Transaction> entries = new java.util.ArrayList<>();
        if (moves) {
            closing = dayEntries(entries, accountId, currency, opening, day, date, openedToday ? 1 : Integer.MAX_VALUE);
        }
        BigDecimal hold = closing.signum() > 0 && day.nextInt(10) == 0
                ? closing.min(money(day, currency, 20_000)) : zero(currency);
        sink.record(new Balance(accountId, date, opening, closing, closing.subtract(hold), currency));
        for (Transaction t : entries) {
            sink.record(t);
        }
        return written + 1 + entries.size();
    }

    /** Draws a day of entries; adds them to {@code out} when given; returns the closing balance. */
    private BigDecimal dayEntries(java.util.List<Transaction> out, String accountId, CurrencyCode currency,
            BigDecimal opening, SplittableRandom r, LocalDate date, int max) {
        int n = Math.min(max, spec.meanTransactions() == 0 ? 0 : r.nextInt(2 * spec.meanTransactions() + 1));
        if (max == 1) {
            n = 1;
        }
        BigDecimal balance = opening;
        for (int k = 0; k < n; k++) {
            BigDecimal amount = money(r, currency, r.nextInt(5) == 0 ? 200_000 : 3_000);
            if (amount.signum() == 0) {
                amount = BigDecimal.ONE.setScale(currency.scale());
            }
            Direction direction = max == 1 || balance.compareTo(amount) < 0 || r.nextInt(3) == 0
                    ? Direction.CREDIT : Direction.DEBIT;
            balance = balance.add(direction.signed(amount));
            String description = DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)];
            String counterparty = r.nextInt(3) == 0 ? accountId(r.nextInt(Math.max(1, accounts())))
                    : "EXT-" + Long.toHexString(r.nextLong() >>> 16).toUpperCase(java.util.Locale.ROOT);
            LocalDate valueDate = r.nextInt(20) == 0 ? date.minusDays(1) : date;
            if (out != null) {
                out.add(new Transaction("T" + date.toString().replace("-", "") + "-" + accountId + "-" + k, accountId,
                        date, valueDate, amount, direction, currency, counterparty, description));
            }
        }
        return balance;
    }

    private boolean movesOn(int index, int salt, double rate) {
        long bits = mix(spec.seed(), index, 100 + salt) >>> 11;
        return bits * 0x1.0p-53 < rate;
    }

    private Customer customer(int c, String ref, boolean updated) {
        SplittableRandom r = new SplittableRandom(mix(spec.seed(), c, 4));
        String name = FAMILY[r.nextInt(FAMILY.length)] + " " + GIVEN[r.nextInt(GIVEN.length)];
        int phone = 10_000_000 + r.nextInt(90_000_000);
        ContactChannel channel = r.nextInt(4) == 0 ? ContactChannel.EMAIL : ContactChannel.PHONE;
        String contact = channel == ContactChannel.EMAIL ? "c" + c + "@example.tw" : "+886-9" + phone;
        if (updated) {
            contact = channel == ContactChannel.EMAIL ? "c" + c + ".new@example.tw" : "+886-9" + (phone + 1);
        }
        KycStatus kyc = r.nextInt(50) == 0 ? KycStatus.EXPIRED : r.nextInt(30) == 0 ? KycStatus.PENDING
                : KycStatus.VERIFIED;
        return new Customer(pseudonymiser.pseudonym(ref), name, channel, contact, SEGMENTS[r.nextInt(SEGMENTS.length)],
                kyc, spec.businessDate().minusDays(30 + r.nextInt(9000)));
    }

    /** A national-id-shaped reference (letter + 9 digits), pseudonymised before it reaches a dataset. */
    private String reference(int c) {
        long n = Math.floorMod(mix(spec.seed(), c, 5), 1_000_000_000L);
        return (char) ('A' + c % 26) + String.format("%09d", n);
    }

    private static String accountId(int a) {
        return "TW" + String.format("%02d", a * 13 % 97) + "0081" + String.format("%014d", 4_000_000_000L + a * 3L);
    }

    private static BigDecimal zero(CurrencyCode c) {
        return BigDecimal.ZERO.setScale(c.scale());
    }

    /** A random amount below {@code majorUnits} in the currency's minor units. */
    private static BigDecimal money(SplittableRandom r, CurrencyCode c, long majorUnits) {
        long factor = c.scale() == 0 ? 1 : (long) Math.pow(10, c.scale());
        return BigDecimal.valueOf(r.nextLong(majorUnits * factor), c.scale());
    }

    private static long mix(long seed, long index, long salt) {
        long z = seed + index * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final class DatasetSink implements Sink {
        private final DatasetWriter writer;

        DatasetSink(DatasetWriter writer) {
            this.writer = writer;
        }

        @Override
        public void customer(String reference, Customer customer) {
            writer.write(customer);
        }

        @Override
        public void account(String customerReference, Account account) {
            writer.write(account);
        }

        @Override
        public void record(CoreRecord record) {
            writer.write(record);
        }
    }

    /** Writes the CSV layout of FORMAT.md; values never contain commas or quotes except descriptions, quoted. */
    private static final class CsvSink implements Sink, AutoCloseable {
        private final Map<Entity, Writer> out = new EnumMap<>(Entity.class);

        CsvSink(Path folder) throws IOException {
            for (Entity e : Entity.values()) {
                Writer w = new BufferedWriter(Files.newBufferedWriter(folder.resolve(SourceLayout.fileName(e, "csv")),
                        StandardCharsets.UTF_8), 1 << 16);
                java.util.List<String> columns = new java.util.ArrayList<>(SourceLayout.REQUIRED.get(e));
                columns.addAll(SourceLayout.OPTIONAL.get(e));
                w.write(String.join(",", columns) + "\n");
                out.put(e, w);
            }
        }

        private static String q(String s) {
            return s.indexOf(',') < 0 && s.indexOf('"') < 0 ? s : "\"" + s.replace("\"", "\"\"") + "\"";
        }

        @Override
        public void customer(String reference, Customer c) throws IOException {
            out.get(Entity.CUSTOMERS).write(String.join(",", reference, q(c.displayName()), c.contactChannel().name(),
                    c.kycStatus().name(), q(c.contact()), q(c.segment()), c.opened() == null ? "" : c.opened().toString())
                    + "\n");
        }

        @Override
        public void account(String customerReference, Account a) throws IOException {
            out.get(Entity.ACCOUNTS).write(String.join(",", a.id(), customerReference, a.type().name(),
                    a.currency().value(), a.status().name(), a.opened() == null ? "" : a.opened().toString()) + "\n");
        }

        @Override
        public void record(CoreRecord record) throws IOException {
            switch (record) {
                case Balance b -> out.get(Entity.BALANCES).write(String.join(",", b.accountId(),
                        b.businessDate().toString(), b.currency().format(b.opening()), b.currency().format(b.closing()),
                        b.currency().value(), b.currency().format(b.available())) + "\n");
                case Transaction t -> out.get(Entity.TRANSACTIONS).write(String.join(",", t.id(), t.accountId(),
                        t.bookingDate().toString(), t.currency().format(t.amount()), t.direction().name(),
                        t.currency().value(), t.valueDate().toString(), q(t.counterpartyReference()),
                        q(t.description())) + "\n");
                case Customer c -> throw new IllegalStateException("customers go through customer()");
                case Account a -> throw new IllegalStateException("accounts go through account()");
            }
        }

        @Override
        public void close() throws IOException {
            for (Writer w : out.values()) {
                w.close();
            }
        }
    }
}
