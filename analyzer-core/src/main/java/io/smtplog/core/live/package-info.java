/**
 * Live counters while following logs ({@code smtplog serve --follow}): {@link
 * io.smtplog.core.live.LiveCounters} counts the outcome stream and the rounds of following as the
 * reports count them, and writes them in the Prometheus text exposition format for {@code /metrics}.
 * The metric names are constants in {@link io.smtplog.core.live.MetricNames}.
 */
package io.smtplog.core.live;
