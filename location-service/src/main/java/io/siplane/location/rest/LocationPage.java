package io.siplane.location.rest;

import java.util.List;

/**
 * One page of the operators' listing.
 *
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total AORs with live bindings, over all pages
 * @param items this page's AORs, sorted by AOR
 */
public record LocationPage(int page, int size, long total, List<LocationView> items) {}
