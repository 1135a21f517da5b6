package org.finres.coredata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns camt.053 statements into records: each Stmt gives an account (Acct), its owner as a customer, one balance
 * (opening OPBD, or PRCD when there is no OPBD; closing CLBD; available CLAV, else the closing), and a transaction
 * per booked Ntry. Entries whose status is not BOOK (pending, information) are not on the balance and are skipped.
 * The statement's TxsSummry, when present, is checked as the bank's declared totals.
 */
final class Camt053Mapping implements Camt053Source.Handler {

    private final String file;
    private final DatasetWriter writer;
    private final CustomerPseudonymiser pseudonymiser;
    private final List<Discrepancy> discrepancies;
    private final Set<String> customersWritten;
    private final Runnable tick;
    private String accountId;
    private CurrencyCode currency;
    private BigDecimal credits;
    private BigDecimal debits;
    private long entryCount;
    private final Set<String> seenThisStatement = new HashSet<>();

    Camt053Mapping(String file, DatasetWriter writer, CustomerPseudonymiser pseudonymiser,
            List<Discrepancy> discrepancies, Set<String> customersWritten, Runnable tick) {
        this.file = file;
        this.writer = writer;
        this.pseudonymiser = pseudonymiser;
        this.discrepancies = discrepancies;
        this.customersWritten = customersWritten;
        this.tick = tick;
    }

    private MalformedInputException bad(String where, String problem) {
        return new MalformedInputException(file, where, problem);
    }

    /** Called before the first Bal or Ntry of a statement: Acct precedes both in every camt.053 version. */
    private void account(Camt053Source.Node s) {
        if (accountId != null) {
            return;
        }
        String id = s.first("Acct/Id/IBAN", "Acct/Id/Othr/Id");
        if (id == null) {
            throw bad(s.where, "the statement has no Acct/Id/IBAN or Acct/Id/Othr/Id");
        }
        String ccy = s.get("Acct/Ccy");
        accountId = checked(s, "Acct/Id", () -> Fields.id(id, "account id"));
        currency = ccy == null ? null : checked(s, "Acct/Ccy", () -> CurrencyCode.of(ccy));
        credits = BigDecimal.ZERO;
        debits = BigDecimal.ZERO;
        entryCount = 0;
    }

    @Override
    public void balance(Camt053Source.Node statement, Camt053Source.Node balance) {
        account(statement);
        if (currency == null && "CLBD".equals(code(balance))) {
            currency = amountCurrency(balance);
        }
        tick.run();
    }

    @Override
    public void entry(Camt053Source.Node statement, Camt053Source.Node entry, int index) {
        account(statement);
        CurrencyCode ccy = amountCurrency(entry);
        BigDecimal amount = amount(entry, "Amt", ccy);
        Direction direction = direction(entry);
        entryCount++;
        if (direction == Direction.CREDIT) {
            credits = credits.add(amount);
        } else {
            debits = debits.add(amount);
        }
        String status = entry.first("Sts/Cd", "Sts");
        if (status == null) {
            throw bad(entry.where, "Ntry has no Sts");
        }
        if (!status.equals("BOOK")) {
            return;
        }
        LocalDate booking = date(entry, "BookgDt");
        LocalDate value = entry.get("ValDt/Dt") != null || entry.get("ValDt/DtTm") != null ? date(entry, "ValDt")
                : booking;
        String ref = entry.first("AcctSvcrRef", "NtryDtls/TxDtls/Refs/AcctSvcrRef");
        String id = ref != null ? ref : accountId + ":" + (entry.get("NtryRef") != null ? entry.get("NtryRef")
                : "Ntry" + index);
        if (ref == null && !seenThisStatement.add(id)) {
            id = accountId + ":Ntry" + index; // the same NtryRef twice in one statement: keep both entries apart
        }
        String counterparty = direction == Direction.CREDIT
                ? entry.first("NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/IBAN", "NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/Othr/Id",
                "NtryDtls/TxDtls/RltdPties/Dbtr/Nm", "NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm")
                : entry.first("NtryDtls/TxDtls/RltdPties/CdtrAcct/Id/IBAN", "NtryDtls/TxDtls/RltdPties/CdtrAcct/Id/Othr/Id",
                "NtryDtls/TxDtls/RltdPties/Cdtr/Nm", "NtryDtls/TxDtls/RltdPties/Cdtr/Pty/Nm");
        String description = entry.first("AddtlNtryInf", "NtryDtls/TxDtls/RmtInf/Ustrd", "NtryDtls/TxDtls/AddtlTxInf");
        String txId = id;
        Transaction t = checked(entry, "Ntry", () -> new Transaction(txId, accountId, booking, value, amount,
                direction, ccy, clip(counterparty), clip(description)));
        writer.write(t, file, line(entry.where));
        tick.run();
    }

    @Override
    public void statementEnd(Camt053Source.Node s, List<Camt053Source.Node> balances) {
        account(s);
        Camt053Source.Node opening = find(balances, "OPBD");
        if (opening == null) {
            opening = find(balances, "PRCD");
        }
        Camt053Source.Node closing = find(balances, "CLBD");
        if (opening == null || closing == null) {
            throw bad(s.where, "the statement needs an opening (OPBD or PRCD) and a closing (CLBD) balance");
        }
        Camt053Source.Node available = find(balances, "CLAV");
        if (currency == null) {
            currency = amountCurrency(closing);
        }
        BigDecimal open = signed(opening, currency);
        BigDecimal close = signed(closing, currency);
        BigDecimal avail = available == null ? close : signed(available, currency);
        LocalDate date = date(closing, "Dt");

        String ownerRef = s.first("Acct/Ownr/Id/OrgId/Othr/Id", "Acct/Ownr/Id/PrvtId/Othr/Id", "Acct/Ownr/Id/OrgId/AnyBIC",
                "Acct/Ownr/Id/OrgId/BICOrBEI", "Acct/Ownr/Nm");
        String customerId = pseudonymiser.pseudonym(ownerRef != null ? ownerRef : "account:" + accountId);
        if (customersWritten.add(customerId)) {
            ContactChannel channel = ContactChannel.NONE;
            String contact = "";
            if (s.get("Acct/Ownr/CtctDtls/EmailAdr") != null) {
                channel = ContactChannel.EMAIL;
                contact = s.get("Acct/Ownr/CtctDtls/EmailAdr");
            } else if (s.first("Acct/Ownr/CtctDtls/MobNb", "Acct/Ownr/CtctDtls/PhneNb") != null) {
                channel = ContactChannel.PHONE;
                contact = s.first("Acct/Ownr/CtctDtls/MobNb", "Acct/Ownr/CtctDtls/PhneNb");
            } else if (s.get("Acct/Ownr/PstlAdr/TwnNm") != null || s.get("Acct/Ownr/PstlAdr/AdrLine") != null) {
                channel = ContactChannel.POSTAL;
                contact = String.join(", ", nonNull(s.get("Acct/Ownr/PstlAdr/StrtNm"), s.get("Acct/Ownr/PstlAdr/BldgNb"),
                        s.get("Acct/Ownr/PstlAdr/AdrLine"), s.get("Acct/Ownr/PstlAdr/TwnNm"),
                        s.get("Acct/Ownr/PstlAdr/Ctry")));
            }
            String segment = s.first("Acct/Ownr/Id/OrgId/Othr/Id", "Acct/Ownr/Id/OrgId/AnyBIC",
                    "Acct/Ownr/Id/OrgId/BICOrBEI") != null ? "organisation"
                    : s.get("Acct/Ownr/Id/PrvtId/Othr/Id") != null ? "private" : "";
            String name = s.get("Acct/Ownr/Nm");
            ContactChannel ch = channel;
            String c = contact;
            // camt.053 carries no KYC information: the restoring institution must review it, hence PENDING.
            writer.write(checked(s, "Acct/Ownr", () -> new Customer(customerId, clip(name), ch, clip(c), segment,
                    KycStatus.PENDING, null)), file, line(s.where));
        }
        CurrencyCode ccy = currency;
        writer.write(checked(s, "Acct", () -> new Account(accountId, customerId,
                AccountType.fromIsoCode(s.first("Acct/Tp/Cd")), ccy, AccountStatus.ACTIVE, null)), file, line(s.where));
        writer.write(checked(closing, "Bal", () -> new Balance(accountId, date, open, close, avail, ccy)), file,
                line(closing.where));

        declared(s, "TxsSummry/TtlCdtNtries/Sum", credits, "credits");
        declared(s, "TxsSummry/TtlDbtNtries/Sum", debits, "debits");
        String count = s.get("TxsSummry/TtlNtries/NbOfNtries");
        if (count != null && !count.equals(Long.toString(entryCount))) {
            discrepancies.add(new Discrepancy(DiscrepancyKind.RECORD_COUNT_MISMATCH, file, line(s.where),
                    accountId, count, Long.toString(entryCount), "TxsSummry/TtlNtries/NbOfNtries at "
                    + s.where("TxsSummry/TtlNtries/NbOfNtries") + " is not the number of Ntry in the statement", ""));
        }
        accountId = null;
        currency = null;
        seenThisStatement.clear();
    }

    private void declared(Camt053Source.Node s, String path, BigDecimal actual, String what) {
        String text = s.get(path);
        if (text == null) {
            return;
        }
        BigDecimal sum;
        try {
            sum = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw bad(s.where(path), path + " \"" + text + "\" is not a decimal");
        }
        if (sum.compareTo(actual) != 0) {
            discrepancies.add(new Discrepancy(DiscrepancyKind.CONTROL_TOTAL_MISMATCH, file, line(s.where(path)),
                    accountId, sum.toPlainString(), actual.toPlainString(), path + " (" + s.where(path)
                    + ") differs from the sum of the statement's " + what, ""));
        }
    }

    private static List<String> nonNull(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList();
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("[\\p{Cntrl}]+", " ");
        return flat.length() > Fields.MAX_TEXT ? flat.substring(0, Fields.MAX_TEXT) : flat;
    }

    private static String code(Camt053Source.Node bal) {
        return bal.first("Tp/CdOrPrtry/Cd", "Tp/CdOrPrtry/Prtry");
    }

    private static Camt053Source.Node find(List<Camt053Source.Node> balances, String code) {
        return balances.stream().filter(b -> code.equals(code(b))).findFirst().orElse(null);
    }

    private CurrencyCode amountCurrency(Camt053Source.Node node) {
        String ccy = node.get("Amt@Ccy");
        if (ccy == null) {
            throw bad(node.where("Amt"), "Amt has no Ccy attribute");
        }
        return checked(node, "Amt@Ccy", () -> CurrencyCode.of(ccy));
    }

    private BigDecimal amount(Camt053Source.Node node, String path, CurrencyCode ccy) {
        String text = node.get(path);
        if (text == null) {
            throw bad(node.where, path + " is missing");
        }
        if (text.startsWith("-")) {
            throw bad(node.where(path), "camt.053 amounts are unsigned (CdtDbtInd gives the direction), got " + text);
        }
        return checked(node, path, () -> ccy.amount(text));
    }

    private Direction direction(Camt053Source.Node node) {
        String ind = node.get("CdtDbtInd");
        if (!"CRDT".equals(ind) && !"DBIT".equals(ind)) {
            throw bad(node.where("CdtDbtInd"), "CdtDbtInd must be CRDT or DBIT, got " + CurrencyCode.quote(ind));
        }
        return Direction.parse(ind);
    }

    private BigDecimal signed(Camt053Source.Node bal, CurrencyCode accountCurrency) {
        CurrencyCode ccy = amountCurrency(bal);
        if (!ccy.equals(accountCurrency)) {
            throw bad(bal.where("Amt@Ccy"), "balance currency " + ccy + " differs from the account's "
                    + accountCurrency);
        }
        return direction(bal).signed(amount(bal, "Amt", ccy));
    }

    private LocalDate date(Camt053Source.Node node, String element) {
        String d = node.get(element + "/Dt");
        if (d == null) {
            String dt = node.get(element + "/DtTm");
            if (dt == null) {
                throw bad(node.where, element + " has neither Dt nor DtTm");
            }
            d = dt.length() >= 10 ? dt.substring(0, 10) : dt;
            String dd = d;
            return checked(node, element + "/DtTm", () -> Fields.date(dd, element + "/DtTm"));
        }
        String dd = d;
        return checked(node, element + "/Dt", () -> Fields.date(dd, element + "/Dt"));
    }

    private <T> T checked(Camt053Source.Node node, String path, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw bad(node.where(path), e.getMessage());
        }
    }

    /** "line 40, /Document/..." -> 40. */
    private static long line(String where) {
        if (where.startsWith("line ")) {
            int comma = where.indexOf(',');
            try {
                return Long.parseLong(where.substring(5, comma < 0 ? where.length() : comma));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
