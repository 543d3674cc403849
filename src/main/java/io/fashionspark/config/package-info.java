/**
 * Immutable, validated configuration records, the ranges of their settings, and the one loader
 * that merges defaults, a conf file and CLI flags.
 *
 * <p>Uses: {@code files}.
 */
package io.fashionspark.config;
