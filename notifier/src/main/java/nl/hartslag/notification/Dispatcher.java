package nl.hartslag.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.db.listen.ChannelListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers the outbox. Woken by {@code LISTEN hartslag_outbox} (the insert trigger notifies at
 * commit, on every instance), by a timer set to the next due time, and by a slow poll as a safety
 * net. One drain at a time per instance: claim a batch with SKIP LOCKED, send up to
 * {@code concurrency} at once, record each result, and claim again while batches come back full.
 * On stop, work in flight is finished and recorded; claimed work not yet begun is given back.
 */
final class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Error code of a text not sent because its number reached the daily cap. */
    static final String DAILY_CAP = "DAILY_CAP";

    /**
     * Twilio's clock and ours may differ; a lookup for a lost answer starts this much before the
     * attempt. Wider only risks finding an identical text to the same number sent just before,
     * which the outbox's idempotency keys already make rare.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final ConnectionFactory connections;
    private final OutboxRepository outbox;
    private final SmsGateway sms;
    private final MailGateway mail;
    private final Templates templates;
    private final OptOutList optOuts;
    private final NotifierSettings settings;
    private final QuietTime quietTime;
    private final Backoff backoff;
    private final Clock clock;
    private final String instance;

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private volatile Disposable listening;
    private volatile Disposable timer;
    private volatile Disposable poll;
    private volatile Disposable erasing;

    Dispatcher(ConnectionFactory connections, OutboxRepository outbox, SmsGateway sms, MailGateway mail,
            Templates templates, OptOutList optOuts, NotifierSettings settings, Clock clock, String instance) {
        this.connections = connections;
        this.outbox = outbox;
        this.sms = sms;
        this.mail = mail;
        this.templates = templates;
        this.optOuts = optOuts;
        this.settings = settings;
        this.quietTime = new QuietTime(settings.quietHours());
        this.backoff = new Backoff(settings.initialBackoff(), settings.backoffMultiplier(), settings.maxBackoff());
        this.clock = clock;
        this.instance = instance;
    }

    @Override
    public void start() {
        running = true;
        listen();
        poll = Flux.interval(settings.pollInterval(), settings.pollInterval()).subscribe(tick -> wake());
        // Hourly, on every instance (each step is idempotent): personal data is kept no longer than needed.
        erasing = Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .concatMap(tick -> retention().onErrorResume(e -> {
                    log.warn("Notification retention failed: {}", ErrorText.redact(e.toString()));
                    return Mono.empty();
                }))
                .subscribe();
        log.info("Notification dispatcher {} started: SMS via {}, e-mail via {}", instance, sms.describe(),
                mail.describe());
        wake();
    }

    @Override
    public void stop() {
        running = false;
        dispose(poll);
        dispose(erasing);
        dispose(timer);
        dispose(listening);
        // Let sends in flight finish and be recorded, so a restart neither loses nor repeats them.
        long deadline = System.nanoTime() + settings.sendTimeout().plusSeconds(5).toNanos();
        while ((inFlight.get() > 0 || wip.get() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("Notification dispatcher {} stopped", instance);
    }

    /**
     * The retention job: erases the addresses of notifications that ended long ago (and masks them
     * in their error texts), masks numbers and addresses in error texts an older instance may still
     * have written whole, and forgets the daily counts of past days.
     */
    Mono<Void> retention() {
        return outbox.eraseAddresses(settings.retention())
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Erased the addresses of {} notifications older than {}", n, settings.retention());
                    }
                })
                .then(outbox.redactErrorTexts())
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Masked phone numbers and addresses in {} stored error texts", n);
                    }
                })
                .then(Mono.defer(() -> outbox.forgetDailyCounts(
                        LocalDate.ofInstant(clock.instant(), settings.quietHours().zone()))))
                .then();
    }

    /** With {@code hartslag.notifier.dispatch=false} this instance only writes the outbox. */
    @Override
    public boolean isAutoStartup() {
        return settings.dispatch();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the database (and its connection pool) goes away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    /** Asks for a drain; a wake during a drain makes that drain go round once more. */
    void wake() {
        if (!running || wip.getAndIncrement() != 0) {
            return;
        }
        drain();
    }

    private void drain() {
        int seen = wip.get();
        drainBatches()
                .onErrorResume(e -> {
                    log.warn("Delivering notifications failed; trying again at the next wake-up: {}",
                            ErrorText.redact(e.toString()));
                    return Mono.empty();
                })
                .then(Mono.defer(this::scheduleNextDue).onErrorResume(e -> Mono.empty()))
                .subscribe(null, null, () -> {
                    if (wip.addAndGet(-seen) != 0) {
                        if (running) {
                            drain();
                        } else {
                            wip.set(0);
                        }
                    }
                });
    }

    private Mono<Void> drainBatches() {
        if (!running) {
            return Mono.empty();
        }
        // The claim is committed before anything is sent: rows stream in before the statement's
        // commit, and a result stored against a claim not yet visible would find no SENDING row.
        return outbox.claim(settings.batchSize(), settings.lease(), instance)
                .flatMap(batch -> Flux.fromIterable(batch)
                        .flatMap(this::deliver, settings.concurrency())
                        .then(Mono.just(batch.size())))
                .flatMap(n -> n >= settings.batchSize() ? drainBatches() : Mono.empty());
    }

    private Mono<Void> scheduleNextDue() {
        return outbox.nextDue().doOnNext(next -> {
            Duration wait = Duration.between(clock.instant(), next);
            if (wait.compareTo(settings.pollInterval()) < 0) {
                dispose(timer);
                timer = Mono.delay(wait.isNegative() ? Duration.ZERO : wait.plusMillis(5)).subscribe(t -> wake());
            }
        }).then();
    }

    Mono<Void> deliver(OutboxRepository.Claimed c) {
        if (!running) {
            return outbox.release(c);
        }
        inFlight.incrementAndGet();
        return attempt(c).doFinally(s -> inFlight.decrementAndGet());
    }

    private Mono<Void> attempt(OutboxRepository.Claimed c) {
        if (c.address() == null) {
            return outbox.finish(c, new OutboxRepository.Finish(NotificationStatus.FAILED, "FAILED", null, null, null,
                    "The address was erased (retention period); nothing was sent.")).then();
        }
        if (c.optedOut()) {
            return outbox.finish(c, new OutboxRepository.Finish(NotificationStatus.SUPPRESSED, "SUPPRESSED", null,
                    null, null, "The number is on the opt-out list.")).then();
        }
        Rendered message;
        try {
            message = templates.render(c.template(), c.parameters(), c.language(), c.channel());
        } catch (RuntimeException e) {
            return outbox.finish(c, new OutboxRepository.Finish(NotificationStatus.FAILED, "FAILED", null, null, null,
                    "The message could not be made: " + e.getMessage())).then();
        }
        if (!capped(c)) {
            return reconcileOrSend(c, message);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), settings.quietHours().zone());
        return outbox.countTowardsCap(c, today, settings.maxTextsPerNumberPerDay()).flatMap(allowed -> {
            if (allowed) {
                return reconcileOrSend(c, message);
            }
            log.warn("Notification {} ({}) not sent: {} already had {} texts today", c.id(), c.template(),
                    Masking.mask(c.address()), settings.maxTextsPerNumberPerDay());
            return outbox.finish(c, new OutboxRepository.Finish(NotificationStatus.SUPPRESSED, "SUPPRESSED", null,
                    null, DAILY_CAP, "Not sent: this number already had " + settings.maxTextsPerNumberPerDay()
                            + " texts today (hartslag.notifier.max-texts-per-number-per-day).")).then();
        });
    }

    /**
     * Texts that anyone can cause by typing a number into a report are capped per number per day:
     * those to residents. Volunteers' and teams' numbers are entered by staff and carry the case
     * work itself (an offer, a work order, a worry about a household); the domestic-help text is
     * the one a resident must not lose. Counted once per notification, not per attempt.
     */
    private static boolean capped(OutboxRepository.Claimed c) {
        return c.channel() == Channel.SMS && c.audience() == Audience.RESIDENT && c.template() != Template.DOMESTIC_HELP
                && c.countedOn() == null;
    }

    /**
     * Sends, unless an earlier attempt's outcome is unknown: then Twilio is asked first whether that
     * text arrived (same number, same body, sent since that attempt began, less {@link #CLOCK_SKEW}).
     * Found: recorded as sent with its id. Not found: sent now. Twilio could not be asked: tried
     * again later, never sent blindly.
     */
    private Mono<Void> reconcileOrSend(OutboxRepository.Claimed c, Rendered message) {
        if (c.channel() != Channel.SMS || c.unknownSince() == null) {
            return send(c, message);
        }
        long asked = System.nanoTime();
        return sms.findSent(c.address(), message.text(), c.unknownSince().minus(CLOCK_SKEW))
                .timeout(settings.sendTimeout().plusSeconds(2))
                .flatMap(sid -> outbox.found(c, sid).doOnNext(stored -> log.info(
                        "Notification {} ({}) was already accepted by Twilio as {} (found in {} ms); not sent again",
                        c.id(), c.template(), sid, (System.nanoTime() - asked) / 1_000_000)).then(Mono.just(true)))
                .switchIfEmpty(Mono.defer(() -> {
                    log.info("Notification {} ({}): Twilio has no text from the attempt whose answer was lost"
                            + " (asked in {} ms); sending it now", c.id(), c.template(),
                            (System.nanoTime() - asked) / 1_000_000);
                    return send(c, message).then(Mono.just(true));
                }))
                .onErrorResume(e -> {
                    SendFailure f = e instanceof SendFailure sf ? sf
                            : new SendFailure(false, null, null, "Asking Twilio failed: " + e, e);
                    // Not permanent whatever Twilio answered: the text itself was not refused. Still unknown.
                    return failed(c, new SendFailure(false, f.httpStatus(), f.code(), f.getMessage()
                            + "; whether an earlier attempt arrived is unknown, so nothing was sent", e, true))
                            .then(Mono.just(true));
                })
                .then();
    }

    private Mono<Void> send(OutboxRepository.Claimed c, Rendered message) {
        Mono<String> send = c.channel() == Channel.SMS ? sms.send(c.address(), message.text())
                : mail.send(c.address(), message);
        // The HTTP client gives up at sendTimeout itself; this outer limit only catches a stuck call.
        return send.timeout(settings.sendTimeout().plusSeconds(2))
                .flatMap(providerId -> outbox.accepted(c, providerId).doOnNext(stored -> {
                    if (!stored) {
                        log.warn("Notification {} was sent (provider id {}) after its lease ran out", c.id(), providerId);
                    }
                }).then())
                .onErrorResume(e -> failed(c, e));
    }

    private Mono<Void> failed(OutboxRepository.Claimed c, Throwable error) {
        SendFailure failure = error instanceof SendFailure f ? f
                : error instanceof TimeoutException
                        ? new SendFailure(false, null, null, "No answer within " + settings.sendTimeout(), error, true)
                        : new SendFailure(false, null, null, "Sending failed: " + error, error, true);
        // Providers echo the number or address they refused: masked before it is logged or stored.
        String why = ErrorText.redact(failure.getMessage(), c.address());
        if (failure.permanent()) {
            log.warn("Notification {} ({}) failed for good: {}", c.id(), c.template(), why);
            Mono<Void> optOut = c.channel() == Channel.SMS && TwilioSmsGateway.UNSUBSCRIBED.equals(failure.code())
                    ? optOuts.optOut(c.address(), OptOutList.Source.PROVIDER).then() : Mono.empty();
            return optOut.then(outbox.finish(c, new OutboxRepository.Finish(NotificationStatus.FAILED, "FAILED", null,
                    failure.httpStatus(), failure.code(), why))).then();
        }
        boolean unknown = failure.outcomeUnknown() && c.channel() == Channel.SMS;
        if (unknown) {
            why += " (outcome unknown: Twilio is asked before the text is sent again)";
        }
        if (c.attempt() >= c.attemptLimit()) {
            log.warn("Notification {} ({}) is dead after {} attempts: {}", c.id(), c.template(), c.attempt(), why);
            return outbox.finish(c, new OutboxRepository.Finish(NotificationStatus.DEAD, "DEAD", null,
                    failure.httpStatus(), failure.code(), why, unknown)).then();
        }
        Instant due = clock.instant().plus(backoff.after(c.attempt()));
        if (QuietTime.applies(c.channel(), c.audience(), c.urgency())) {
            due = quietTime.earliestSend(due);
        }
        log.info("Notification {} ({}) attempt {} failed, next try at {}: {}", c.id(), c.template(), c.attempt(), due,
                why);
        return outbox.finish(c, new OutboxRepository.Finish(NotificationStatus.PENDING, "RETRY", due,
                failure.httpStatus(), failure.code(), why, unknown)).then();
    }

    /** Every notification on the channel, and every (re)connection, is a reason to look. */
    private void listen() {
        listening = ChannelListener.listen(connections, OutboxRepository.CHANNEL)
                .subscribe(payload -> wake(), e -> log.warn("Not listening for notifications ({}); polling every {}",
                        e.getMessage(), settings.pollInterval()));
    }

    private static void dispose(Disposable d) {
        if (d != null) {
            d.dispose();
        }
    }
}
