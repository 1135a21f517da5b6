package org.finres.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.finres.core.AuditOutcome;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.SizeTier;
import org.finres.core.TokenScope;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page exists in both languages: the bundles match, and every key the templates name is in them. */
class MessageBundlesTests {

    /** A literal message key in a template: #{some.key} or #{some.key(${arg})}. */
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z][\\w.-]*)[}(]");
    /** Parser-level comments, which Thymeleaf removes before rendering: their examples are not keys. */
    private static final Pattern COMMENT = Pattern.compile("<!--/\\*.*?\\*/-->", Pattern.DOTALL);

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> templateKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Resource template : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
            String text = COMMENT.matcher(template.getContentAsString(StandardCharsets.UTF_8)).replaceAll("");
            Matcher m = LITERAL_KEY.matcher(text);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /** Keys the templates build from an enum's name, such as kind.BANK. */
    private static List<String> computedKeys() {
        List<String> keys = new ArrayList<>();
        for (InstitutionKind kind : InstitutionKind.values()) keys.add("kind." + kind.name());
        for (SizeTier tier : SizeTier.values()) keys.add("tier." + tier.name());
        for (Role role : Role.values()) {
            keys.add("role." + role.name());
            keys.add("role." + role.name() + ".description");
        }
        for (TokenScope scope : TokenScope.values()) keys.add("scope." + scope.name());
        for (AuditOutcome outcome : AuditOutcome.values()) keys.add("outcome." + outcome.name());
        Navigation.CORE.forEach(entry -> keys.add(entry.messageKey()));
        return keys;
    }

    @Test
    void englishAndTraditionalChineseHaveTheSameKeys() throws IOException {
        assertThat(bundle("messages_zh_TW.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("messages.properties").stringPropertyNames());
    }

    @Test
    void everyKeyTheTemplatesNameExists() throws IOException {
        Set<String> english = bundle("messages.properties").stringPropertyNames();
        assertThat(templateKeys()).isNotEmpty().allSatisfy(key -> assertThat(english).as(key).contains(key));
        assertThat(english).containsAll(computedKeys());
    }

    @Test
    void translationsTakeTheSameArgumentsAndNoStrayApostrophes() throws IOException {
        Properties english = bundle("messages.properties");
        Properties chinese = bundle("messages_zh_TW.properties");
        Pattern argument = Pattern.compile("\\{\\d}");
        for (String key : english.stringPropertyNames()) {
            Set<String> en = matches(argument, english.getProperty(key));
            assertThat(matches(argument, chinese.getProperty(key))).as(key).isEqualTo(en);
            if (!en.isEmpty()) {
                // MessageFormat swallows a single apostrophe together with the text up to the next one.
                assertThat(english.getProperty(key).replace("''", "")).as(key).doesNotContain("'");
                assertThat(chinese.getProperty(key).replace("''", "")).as(key).doesNotContain("'");
            }
        }
    }

    @Test
    void chineseBundleIsReallyChinese() throws IOException {
        Properties chinese = bundle("messages_zh_TW.properties");
        assertThat(chinese.getProperty("app.fullName")).isEqualTo("金融資安韌性平台");
        assertThat(chinese.getProperty("nav.dashboard")).isEqualTo("儀表板");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
