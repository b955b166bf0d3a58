/**
 * Following logs as they are written ({@code smtplog follow}, {@code smtplog serve --follow}): the
 * inputs read again and again as {@code tail -F} does, through rotations, into the index, with what
 * each round read told to a {@link io.smtplog.core.follow.FollowListener}.
 */
package io.smtplog.core.follow;
