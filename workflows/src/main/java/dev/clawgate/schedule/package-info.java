/**
 * Cron jobs: their definitions ({@link dev.clawgate.schedule.CronJob}), the {@link dev.clawgate.schedule.CronStore}
 * port that keeps them and their run history, and the Temporal side that fires them.
 *
 * <p>One {@link dev.clawgate.schedule.CronSchedulerWorkflow} (workflow id {@code cron-scheduler}) keeps every
 * enabled job's next due time and sleeps on a cancellable timer until the earliest one. Each due time starts one
 * {@link dev.clawgate.schedule.CronRunWorkflow} whose workflow id and run id are derived from the job and the
 * due time, so a due time produces at most one run, also across crashes and restarts: the run reaches its
 * session through {@code SessionClient.submit} with the run id as the update id, which the session dedupes.
 * Timers in a workflow rather than Temporal Schedules, because the in-process test server has no Schedules API.
 */
package dev.clawgate.schedule;
