package nl.hartslag;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The feature packages of {@code nl.hartslag} (report, place, category, cluster, matching,
 * notification, twilio, intake, staff, casework (the case kernel), routing, mediation, workorder,
 * escalation, web, domain, db) and how they may depend on each other. Spring Modulith's
 * {@code ModulithTests} checks the module boundaries as a whole; these rules say what it cannot
 * (where HTTP may appear, what matching may use, who sends). See docs/modules.md.
 */
@AnalyzeClasses(packages = "nl.hartslag", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("nl.hartslag.(*)..")
            .should().beFreeOfCycles();

    /** A feature's web adapter (e.g. nl.hartslag.report.web) is used by nothing but itself. */
    @ArchTest
    static final ArchRule webAdaptersAreNotUsedFromOutside = noClasses()
            .that().resideOutsideOfPackage("nl.hartslag.*.web..")
            .should().dependOnClassesThat().resideInAPackage("nl.hartslag.*.web..")
            .because("only the HTTP layer may know a feature's controllers and request types");

    /**
     * Web adapters do not use each other; the one exception is Twilio's webhook guard
     * ({@code twilio.web.TwilioRequests}), which every webhook controller must pass through.
     */
    @ArchTest
    static final ArchRule webAdaptersDoNotUseEachOther = slices().matching("nl.hartslag.(*).web..")
            .should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("nl.hartslag..web.."), resideInAPackage("nl.hartslag.twilio.web"));

    /** The shared web package serves every feature and knows none of them (only the shared refusals). */
    @ArchTest
    static final ArchRule sharedWebKnowsNoFeature = noClasses()
            .that().resideInAPackage("nl.hartslag.web..")
            .should().dependOnClassesThat(resideInAPackage("nl.hartslag..")
                    .and(resideOutsideOfPackage("nl.hartslag.web.."))
                    .and(resideOutsideOfPackage("nl.hartslag.domain.."))
                    .and(not(resideInAPackage("nl.hartslag"))));

    @ArchTest
    static final ArchRule databaseModuleDependsOnNoOtherHartslagPackage = noClasses()
            .that().resideInAPackage("nl.hartslag.db..")
            .should().dependOnClassesThat(resideInAPackage("nl.hartslag..")
                    .and(resideOutsideOfPackage("nl.hartslag.db..")));

    /** The seed records are read into the gazetteer; nothing else in the api touches the seed files. */
    @ArchTest
    /** The gazetteer's seed types are read by the place feature, the matching engine and the offline commands. */
    static final ArchRule onlyGazetteerUsersReadTheSeedData = noClasses()
            .that().resideOutsideOfPackages("nl.hartslag.place", "nl.hartslag.matching", "nl.hartslag.cli",
                    "nl.hartslag.db..")
            .should().dependOnClassesThat().resideInAPackage("nl.hartslag.db.seed..");

    /** No Lucene type leaves the matching engine (the cluster feature uses its public records only). */
    @ArchTest
    static final ArchRule luceneStaysInsideMatching = noClasses()
            .that().resideOutsideOfPackage("nl.hartslag.matching..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..");

    /**
     * Texts and e-mails leave only through the notifier's outbox: nothing else calls Twilio's REST
     * API or a mail server, so nothing can send on a request path or bypass retries and opt-outs.
     */
    @ArchTest
    static final ArchRule onlyTheNotifierSends = noClasses()
            .that().resideOutsideOfPackage("nl.hartslag.notification")
            .should().dependOnClassesThat().resideInAnyPackage("com.twilio.rest..", "com.twilio.http..",
                    "org.springframework.mail..", "jakarta.mail..");

    /** Twilio's signatures are checked in one place; features get verified form parameters. */
    @ArchTest
    static final ArchRule onlyTheTwilioPackageChecksSignatures = noClasses()
            .that().resideOutsideOfPackage("nl.hartslag.twilio..")
            .should().dependOnClassesThat().resideInAPackage("com.twilio.security..");

    /**
     * HTTP is the web layer's business: features refuse with {@code nl.hartslag.domain} exceptions and
     * {@code nl.hartslag.web.ApiProblems} chooses the status. Only the shared {@code nl.hartslag.web} and
     * the features' {@code *.web} adapters may use {@code org.springframework.http}. One justified
     * exception: the bench command's bare reference server ({@code cli.BareIntakeServer}) is, by
     * purpose, a minimal WebFlux endpoint that the intake is measured against.
     */
    @ArchTest
    static final ArchRule httpOnlyInWebPackages = noClasses()
            .that().resideOutsideOfPackages("nl.hartslag..web..")
            .and().doNotHaveFullyQualifiedName("nl.hartslag.cli.BareIntakeServer")
            .should().dependOnClassesThat().resideInAPackage("org.springframework.http..")
            .because("features refuse with nl.hartslag.domain exceptions; only web.ApiProblems knows statuses");

    /**
     * The matching engine is plain Java and Lucene: testable without a context, usable by the offline
     * commands, and never tied to the database or the web stack.
     */
    @ArchTest
    static final ArchRule matchingIsFreeOfSpringAndTheDatabase = noClasses()
            .that().resideInAPackage("nl.hartslag.matching..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.r2dbc..",
                    "nl.hartslag.db", "nl.hartslag.db.embedded..", "nl.hartslag.db.listen..", "org.postgresql..",
                    "java.sql..")
            .because("matching stays plain Java + Lucene (the gazetteer's seed records are plain records)");
}
