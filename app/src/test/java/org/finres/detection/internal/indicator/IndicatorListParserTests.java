package org.finres.detection.internal.indicator;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class IndicatorListParserTests {

    @Test
    void csvWithHeaderMapsColumnsByName() {
        IndicatorList list = IndicatorListParser.parse("""
                value,label,type
                evil.example,C2 server,domain
                192.0.2.1,,ipv4
                """);
        assertThat(list.format()).isEqualTo(ListFormat.CSV);
        assertThat(list.errors()).isEmpty();
        assertThat(list.indicators()).containsExactly(
                new ListedIndicator(2, IndicatorValue.parse("domain", "evil.example"), "C2 server"),
                new ListedIndicator(3, IndicatorValue.parse("ipv4", "192.0.2.1"), null));
    }

    @Test
    void csvWithoutHeaderIsTypeValueLabel() {
        IndicatorList list = IndicatorListParser.parse("domain,Evil.Example.,phishing kit\r\nmd5,"
                + "D41D8CD98F00B204E9800998ECF8427E\r\n");
        assertThat(list.format()).isEqualTo(ListFormat.CSV);
        assertThat(list.indicators()).extracting(l -> l.value().toString(), ListedIndicator::label).containsExactly(
                tuple("domain:evil.example", "phishing kit"), tuple("md5:d41d8cd98f00b204e9800998ecf8427e", null));
    }

    @Test
    void csvQuotedFieldsHoldCommasQuotesAndLineBreaks() {
        IndicatorList list = IndicatorListParser.parse("""
                type,value,label
                url,"http://evil.example/a,b?x=1","said ""hello"", twice"
                domain, "spaced.example" ,"two
                lines"
                ip,192.0.2.9,after
                """);
        assertThat(list.errors()).isEmpty();
        assertThat(list.indicators()).extracting(ListedIndicator::line, l -> l.value().value(),
                ListedIndicator::label).containsExactly(
                tuple(2, "http://evil.example/a,b?x=1", "said \"hello\", twice"),
                tuple(3, "spaced.example", "two\nlines"),
                tuple(5, "192.0.2.9", "after"));
    }

    @Test
    void badCsvLinesAreReportedAndTheOthersKept() {
        IndicatorList list = IndicatorListParser.parse("""
                type,value
                domain,good.example
                sha256,abc
                ipv4,999.1.1.1
                domain,x"y.example
                domain,"closed"junk
                ipv5,192.0.2.1
                url,http://evil.example/a,b,c,d
                ,also-good.example
                domain,
                """);
        assertThat(list.indicators()).extracting(ListedIndicator::line, l -> l.value().value())
                .containsExactly(tuple(2, "good.example"), tuple(9, "also-good.example"));
        assertThat(list.errors()).containsExactly(
                new LineError(3, "sha256 must be 64 hex digits, got 3"),
                new LineError(4, "'999.1.1.1' is not an IPv4 address: octet 999 is above 255"),
                new LineError(5, "a quote inside unquoted field 2 (quote the whole field and double the quote)"),
                new LineError(6, "text after the closing quote of field 2"),
                new LineError(7, "unknown indicator type 'ipv5'; expected one of ipv4, ipv6, cidr, domain, url, md5, "
                        + "sha1, sha256, email"),
                new LineError(8, "the record has 5 fields, the header 2 (quote values that contain commas)"),
                new LineError(10, "domain value is empty"));
    }

    @Test
    void positionalCsvRecordsWithTooManyFieldsAreRefused() {
        IndicatorList list = IndicatorListParser.parse("domain,evil.example,label,extra\ndomain,ok.example\n");
        assertThat(list.errors()).containsExactly(new LineError(1, "expected type,value[,label], got 4 fields "
                + "(quote values that contain commas)"));
        assertThat(list.indicators()).hasSize(1);
    }

    @Test
    void anUnclosedQuoteLosesOnlyItsOwnRecord() {
        IndicatorList list = IndicatorListParser.parse("""
                domain,"evil.example
                domain,second.example
                domain,third.example
                """, ListFormat.CSV);
        assertThat(list.errors()).containsExactly(new LineError(1, "a quoted field is never closed"));
        assertThat(list.indicators()).extracting(ListedIndicator::line).containsExactly(2, 3);
    }

    @Test
    void jsonLinesAreReadObjectByObject() {
        IndicatorList list = IndicatorListParser.parse("""
                {"type":"domain","value":"evil.example","label":"C2"}
                {"value":"http://evil.example/x"}
                {"type":"ipv4","value":"999.1.1.1"}
                {"type":"domain","value":42}
                {"type":"domain"}
                [1,2]
                {"type":"domain","value":"a.example"} trailing
                {not json

                {"type":"sha1","value":"DA39A3EE5E6B4B0D3255BFEF95601890AFD80709","extra":true}
                """);
        assertThat(list.format()).isEqualTo(ListFormat.JSON_LINES);
        assertThat(list.indicators()).extracting(ListedIndicator::line, l -> l.value().toString(),
                ListedIndicator::label).containsExactly(
                tuple(1, "domain:evil.example", "C2"),
                tuple(2, "url:http://evil.example/x", null),
                tuple(10, "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", null));
        assertThat(list.errors()).extracting(LineError::line).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(list.errors().get(1).reason()).isEqualTo("\"value\" must be a string");
        assertThat(list.errors().get(2).reason()).isEqualTo("no \"value\"");
        assertThat(list.errors().get(3).reason()).isEqualTo("expected a JSON object with \"type\" and \"value\"");
        assertThat(list.errors().get(5).reason()).startsWith("not valid JSON: ");
    }

    @Test
    void bareValuesHaveTheirTypeInferred() {
        IndicatorList list = IndicatorListParser.parse("""
                \uFEFF# exported from the sandbox
                evil.example
                192.0.2.1   # seen twice
                2001:db8::/32
                http://evil.example/payload.bin
                d41d8cd98f00b204e9800998ecf8427e
                ceo@phish.example
                not a value
                999.1.1.1
                """);
        assertThat(list.format()).isEqualTo(ListFormat.VALUES);
        assertThat(list.indicators()).extracting(l -> l.value().type()).containsExactly(IndicatorType.DOMAIN,
                IndicatorType.IPV4, IndicatorType.CIDR, IndicatorType.URL, IndicatorType.MD5, IndicatorType.EMAIL);
        assertThat(list.errors()).extracting(LineError::line).containsExactly(8, 9);
        assertThat(list.errors().get(1).reason()).isEqualTo("'999.1.1.1' is not an IPv4 address: octet 999 is "
                + "above 255");
    }

    @Test
    void formatIsDetectedFromTheFirstSignificantLine() {
        assertThat(IndicatorListParser.detect("\n# c\n{\"value\":\"a.example\"}")).isEqualTo(ListFormat.JSON_LINES);
        assertThat(IndicatorListParser.detect("TYPE,VALUE\n")).isEqualTo(ListFormat.CSV);
        assertThat(IndicatorListParser.detect("sha256,abc\n")).isEqualTo(ListFormat.CSV);
        assertThat(IndicatorListParser.detect("http://a.example/x,y\n")).isEqualTo(ListFormat.VALUES);
        assertThat(IndicatorListParser.detect("evil.example\n")).isEqualTo(ListFormat.VALUES);
        assertThat(IndicatorListParser.detect("")).isEqualTo(ListFormat.VALUES);
    }

    @Test
    void overlongLinesAndLabelsAreErrorsNotFailures() {
        String content = "domain,a.example,\"" + "l".repeat(IndicatorListParser.MAX_LABEL + 1) + "\"\n"
                + "domain," + "x".repeat(IndicatorListParser.MAX_LINE) + "\n"
                + "domain,b.example\n";
        IndicatorList list = IndicatorListParser.parse(content);
        assertThat(list.errors()).extracting(LineError::line).containsExactly(1, 2);
        assertThat(list.errors().get(1).reason()).isEqualTo("line is 65543 characters long, more than 65536");
        assertThat(list.indicators()).extracting(ListedIndicator::line).containsExactly(3);
    }

    @Test
    void errorsBeyondTheListedLimitAreCounted() {
        IndicatorList list = IndicatorListParser.parse("nonsense value\n".repeat(1500), ListFormat.VALUES);
        assertThat(list.errors()).hasSize(IndicatorListParser.MAX_LISTED_ERRORS);
        assertThat(list.unlistedErrors()).isEqualTo(500);
        assertThat(list.errorCount()).isEqualTo(1500);
    }

    @Test
    void readerInputIsReadWhole() throws Exception {
        IndicatorList list = IndicatorListParser.read(new StringReader("evil.example\rsecond.example"), null);
        assertThat(list.indicators()).extracting(ListedIndicator::line).containsExactly(1, 2);
    }
}
