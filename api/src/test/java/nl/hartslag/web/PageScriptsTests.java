package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * How the pages load their scripts, read from the web-client jar without a browser: the resident
 * page runs as native ES modules whose imports all resolve to a named export of an existing file (a
 * broken import would otherwise only show as a dead form in Chromium), and the staff pages carry no
 * copy of the shared header (who, language switch, logout, navigation): common.js builds it.
 */
class PageScriptsTests {

    private static final String ROOT = "META-INF/resources/";
    private static final Pattern IMPORT = Pattern.compile("^import \\{([^}]*)\\} from '\\./([\\w-]+\\.js)';",
            Pattern.MULTILINE);
    private static final Pattern EXPORT = Pattern.compile("^export \\{([^}]*)\\};", Pattern.MULTILINE);

    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

    @Test
    void theResidentPageLoadsItsFormAsAModuleAndNoLongerTheOneFileScript() {
        String page = read(ROOT + "index.html");
        assertThat(page).contains("<script type=\"module\" src=\"/report/main.js\"></script>")
                .doesNotContain("/report.js");
    }

    @Test
    void everyImportOfTheResidentPageNamesAnExportOfAnExistingModule() {
        Map<String, String> modules = new HashMap<>();
        for (Resource r : list(ROOT + "report/*.js")) {
            modules.put(r.getFilename(), read(r));
        }
        assertThat(modules).containsKeys("main.js", "form.js", "place.js", "known.js", "submit.js", "i18n.js");
        Set<String> imported = new TreeSet<>();
        modules.forEach((name, code) -> {
            Matcher m = IMPORT.matcher(code);
            while (m.find()) {
                String target = m.group(2);
                assertThat(modules).as("%s imports %s", name, target).containsKey(target);
                assertThat(exports(modules.get(target))).as("exports of %s imported by %s", target, name)
                        .containsAll(names(m.group(1)));
                imported.add(target);
            }
        });
        // Every module but the entry point is reached from another one.
        assertThat(imported).containsAll(modules.keySet().stream().filter(n -> !n.equals("main.js")).toList());
        // No module is a copy of the old file: each concern is small enough to read in one go.
        modules.forEach((name, code) -> assertThat(code.lines().count()).as(name).isLessThan(400));
    }

    @Test
    void theStaffPagesLeaveTheirSharedHeaderToCommonJs() {
        List<Resource> pages = list(ROOT + "staff/*.html");
        assertThat(pages).hasSizeGreaterThanOrEqualTo(7);
        for (Resource page : pages) {
            String html = read(page);
            assertThat(html).as(page.getFilename()).contains("<header>", "<h1", "/staff/common.js")
                    .doesNotContain("id=\"who\"", "id=\"logout-form\"", "id=\"nav\"", "id=\"lang-switch\"");
        }
        assertThat(read(ROOT + "staff/common.js")).contains("function header()", "id: 'logout-form'",
                "id: 'who'", "id: 'nav'");
    }

    private static Set<String> exports(String code) {
        Set<String> names = new TreeSet<>();
        Matcher m = EXPORT.matcher(code);
        while (m.find()) {
            names.addAll(names(m.group(1)));
        }
        return names;
    }

    private static List<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private List<Resource> list(String pattern) {
        try {
            return List.of(resources.getResources("classpath*:" + pattern));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String path) {
        return read(resources.getResource("classpath:" + path));
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
