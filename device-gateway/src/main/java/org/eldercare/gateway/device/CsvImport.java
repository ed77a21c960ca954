package org.eldercare.gateway.device;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a bulk import of watches: a header {@code deviceId,model,firmware,serial,imei} (any order,
 * deviceId and imei optional columns) and one device per line. Every line is checked, so the caller
 * sees all mistakes at once; duplicates within the file count as mistakes.
 */
public final class CsvImport {

    public record Line(int line, NewDevice device) {
    }

    public record LineError(int line, String detail) {
    }

    public record Result(List<Line> devices, List<LineError> errors) {
    }

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern IMEI = Pattern.compile("[0-9]{14,16}");
    public static final int MAX_LINES = 20_000;

    private CsvImport() {
    }

    public static Result parse(String csv) {
        List<Line> devices = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        String[] lines = csv == null ? new String[0] : csv.split("\r?\n");
        int headerAt = 0;
        while (headerAt < lines.length && lines[headerAt].isBlank()) {
            headerAt++;
        }
        if (headerAt == lines.length) {
            errors.add(new LineError(1, "empty file: expected a header deviceId,model,firmware,serial,imei"));
            return new Result(devices, errors);
        }
        String[] header = split(lines[headerAt]);
        int id = indexOf(header, "deviceId"), model = indexOf(header, "model"), fw = indexOf(header, "firmware"),
                serial = indexOf(header, "serial"), imei = indexOf(header, "imei");
        if (model < 0 || fw < 0 || serial < 0) {
            errors.add(new LineError(headerAt + 1, "header must name model, firmware and serial (deviceId, imei optional)"));
            return new Result(devices, errors);
        }
        Set<String> ids = new HashSet<>();
        Set<String> serials = new HashSet<>();
        for (int i = headerAt + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            if (devices.size() + errors.size() >= MAX_LINES) {
                errors.add(new LineError(lineNo, "more than " + MAX_LINES + " devices in one import"));
                break;
            }
            String[] f = split(lines[i]);
            String d = field(f, id), m = field(f, model), w = field(f, fw), s = field(f, serial), e = field(f, imei);
            String problem = null;
            if (m == null || w == null || s == null) {
                problem = "model, firmware and serial are required";
            } else if (d != null && !DEVICE_ID.matcher(d).matches()) {
                problem = "deviceId must be 1-64 characters of A-Z a-z 0-9 _ -";
            } else if (e != null && !IMEI.matcher(e).matches()) {
                problem = "imei must be 14-16 digits";
            } else if (m.length() > 100 || w.length() > 64 || s.length() > 100) {
                problem = "model, firmware or serial too long";
            } else if (d != null && !ids.add(d)) {
                problem = "deviceId " + d + " appears twice";
            } else if (!serials.add(s)) {
                problem = "serial " + s + " appears twice";
            }
            if (problem != null) {
                errors.add(new LineError(lineNo, problem));
            } else {
                devices.add(new Line(lineNo, new NewDevice(d, m, w, s, e)));
            }
        }
        return new Result(devices, errors);
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
                p = p.substring(1, p.length() - 1).trim();
            }
            parts[i] = p;
        }
        return parts;
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String field(String[] f, int index) {
        if (index < 0 || index >= f.length || f[index].isEmpty()) {
            return null;
        }
        return f[index];
    }
}
