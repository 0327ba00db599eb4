package io.siplane.location.rest;

/** The JSON body of every error answer: {@code {"error": "...", "status": N}}. */
public record ApiError(String error, int status) {}
