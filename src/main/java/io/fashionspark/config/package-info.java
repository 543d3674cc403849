/** Immutable, validated configuration records and the one loader that merges defaults, a conf file and CLI flags. */
package io.fashionspark.config;
