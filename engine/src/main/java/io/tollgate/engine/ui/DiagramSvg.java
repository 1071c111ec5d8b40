package io.tollgate.engine.ui;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Draws BPMN 2.0 diagram interchange (shapes with bounds, edges with waypoints) as an SVG image: no
 * browser library needed, and every label is escaped. Stages are coloured by state; the compiled BPMN
 * names a stage's sub-process {@code stage__<key>} (ids are {@code word__stage[__task]}).
 */
final class DiagramSvg {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";
    private static final int MARGIN = 20;

    private DiagramSvg() {
    }

    /** {@code states}: stage key to stage status ({@code active}, {@code approval}, {@code done}, ...). */
    static String render(String bpmnXml, Map<String, String> states) {
        return render(bpmnXml, states, Map.of());
    }

    /** {@code labels}: names to show instead of the compiled ones, by element id (a translation). */
    static String render(String bpmnXml, Map<String, String> states, Map<String, String> labels) {
        Document doc = parse(bpmnXml);
        Map<String, Element> elements = new HashMap<>();
        NodeList all = doc.getElementsByTagNameNS(BPMN, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("id")) {
                elements.put(e.getAttribute("id"), e);
            }
        }
        StringBuilder body = new StringBuilder();
        double maxX = 0;
        double maxY = 0;
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        NodeList shapes = doc.getElementsByTagNameNS(BPMNDI, "BPMNShape");
        for (int i = 0; i < shapes.getLength(); i++) {
            Element shape = (Element) shapes.item(i);
            Element bounds = first(shape, DC, "Bounds");
            if (bounds == null) {
                continue;
            }
            double x = num(bounds, "x");
            double y = num(bounds, "y");
            double w = num(bounds, "width");
            double h = num(bounds, "height");
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x + w);
            maxY = Math.max(maxY, y + h);
            String id = shape.getAttribute("bpmnElement");
            Element element = elements.get(id);
            String type = element == null ? "" : element.getLocalName();
            String name = labels.getOrDefault(id, element == null ? "" : element.getAttribute("name"));
            String state = "subProcess".equals(type) && "stage".equals(wordOf(id)) ? states.get(stageOf(id)) : null;
            shape(body, type, id, name, state, x, y, w, h);
        }
        NodeList edges = doc.getElementsByTagNameNS(BPMNDI, "BPMNEdge");
        for (int i = 0; i < edges.getLength(); i++) {
            NodeList points = ((Element) edges.item(i)).getElementsByTagNameNS(DI, "waypoint");
            if (points.getLength() < 2) {
                continue;
            }
            body.append("<polyline class=\"flow\" marker-end=\"url(#arrow)\" points=\"");
            for (int p = 0; p < points.getLength(); p++) {
                Element point = (Element) points.item(p);
                body.append(fmt(num(point, "x"))).append(',').append(fmt(num(point, "y"))).append(' ');
            }
            body.append("\"/>\n");
        }
        if (minX == Double.MAX_VALUE) {
            minX = 0;
            minY = 0;
        }
        double width = maxX - minX + 2 * MARGIN;
        double height = maxY - minY + 2 * MARGIN;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"" + fmt(minX - MARGIN) + " "
                + fmt(minY - MARGIN) + " " + fmt(width) + " " + fmt(height) + "\" width=\"" + fmt(width)
                + "\" height=\"" + fmt(height) + "\">\n<style>"
                + "text{font:12px sans-serif;fill:#1f2933}"
                + ".flow{fill:none;stroke:#52606d;stroke-width:1.2}"
                + ".node{fill:#fff;stroke:#52606d;stroke-width:1.5}"
                + ".stage{fill:#f8fafc;stroke:#9aa5b1;stroke-width:1.5}"
                + ".stage.active,.stage.approval{fill:#e0f2fe;stroke:#0369a1;stroke-width:4}"
                + ".stage.done{fill:#ecfdf5;stroke:#047857}"
                + ".stage.sent_back{fill:#fff7ed;stroke:#c2410c;stroke-width:3;stroke-dasharray:6 3}"
                + ".stage.skipped{fill:#f1f5f9;stroke:#9aa5b1;stroke-dasharray:2 3}"
                + "</style>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#52606d\"/></marker></defs>\n"
                + body + "</svg>\n";
    }

    private static void shape(StringBuilder out, String type, String id, String name, String state,
                              double x, double y, double w, double h) {
        String label = escape(name);
        out.append("<g data-element=\"").append(escape(id)).append('"');
        if (state != null) {
            out.append(" data-state=\"").append(escape(state)).append('"');
        }
        out.append(">");
        if (!label.isEmpty()) {
            out.append("<title>").append(label).append("</title>");
        }
        switch (type) {
            case "startEvent", "endEvent", "boundaryEvent", "intermediateCatchEvent", "intermediateThrowEvent" -> {
                double r = Math.min(w, h) / 2;
                out.append("<circle class=\"node\" cx=\"").append(fmt(x + w / 2)).append("\" cy=\"").append(fmt(y + h / 2))
                        .append("\" r=\"").append(fmt(r)).append("\"").append("endEvent".equals(type)
                                ? " style=\"stroke-width:3\"" : "").append("/>");
                wrapped(out, name, x + w / 2, y + h + 14, 110, 2);
            }
            case "parallelGateway", "exclusiveGateway", "inclusiveGateway", "eventBasedGateway" -> {
                out.append("<path class=\"node\" d=\"M").append(fmt(x + w / 2)).append(',').append(fmt(y)).append('L')
                        .append(fmt(x + w)).append(',').append(fmt(y + h / 2)).append('L').append(fmt(x + w / 2)).append(',')
                        .append(fmt(y + h)).append('L').append(fmt(x)).append(',').append(fmt(y + h / 2)).append("z\"/>");
                text(out, "parallelGateway".equals(type) ? "+" : "×", x + w / 2, y + h / 2 + 5);
            }
            case "subProcess" -> {
                out.append("<rect class=\"stage").append(state == null ? "" : " " + escape(state)).append("\" x=\"")
                        .append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(fmt(h)).append("\" rx=\"10\"/>");
                out.append("<text x=\"").append(fmt(x + 8)).append("\" y=\"").append(fmt(y + 16))
                        .append("\" style=\"font-weight:bold\">").append(label).append("</text>");
            }
            default -> {
                out.append("<rect class=\"node\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                        .append(fmt(w)).append("\" height=\"").append(fmt(h)).append("\" rx=\"6\"/>");
                wrapped(out, name, x + w / 2, y + h / 2 - 14, w, 3);
            }
        }
        out.append("</g>\n");
    }

    private static void text(StringBuilder out, String escaped, double cx, double y) {
        if (!escaped.isEmpty()) {
            out.append("<text text-anchor=\"middle\" x=\"").append(fmt(cx)).append("\" y=\"").append(fmt(y)).append("\">")
                    .append(escaped).append("</text>");
        }
    }

    /** A name in up to {@code max} lines of about the given width (by a rough width per character), from {@code top}. */
    private static void wrapped(StringBuilder out, String name, double cx, double top, double w, int max) {
        int perLine = Math.max(4, (int) (w / 7));
        java.util.List<String> lines = new java.util.ArrayList<>();
        String rest = name == null ? "" : name.strip();
        while (!rest.isEmpty() && lines.size() < max) {
            if (rest.length() <= perLine) {
                lines.add(rest);
                break;
            }
            int cut = rest.lastIndexOf(' ', perLine);
            if (cut <= 0) {
                cut = perLine;
            }
            String line = rest.substring(0, cut).strip();
            rest = rest.substring(cut).strip();
            if (lines.size() == max - 1 && !rest.isEmpty()) {
                line = line.substring(0, Math.max(0, Math.min(line.length(), perLine - 1))) + "…";
            }
            lines.add(line);
        }
        double first = top + 14 - (lines.size() - 1) * 7 + (max == 3 ? 4 : 0);
        for (int i = 0; i < lines.size(); i++) {
            text(out, escape(lines.get(i)), cx, first + i * 14);
        }
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException("The compiled diagram cannot be read", e);
        }
    }

    private static Element first(Element parent, String ns, String name) {
        NodeList list = parent.getElementsByTagNameNS(ns, name);
        Node node = list.getLength() == 0 ? null : list.item(0);
        return (Element) node;
    }

    private static double num(Element e, String attribute) {
        try {
            return Double.parseDouble(e.getAttribute(attribute));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String wordOf(String id) {
        int sep = id.indexOf("__");
        return sep < 0 ? null : id.substring(0, sep);
    }

    private static String stageOf(String id) {
        int sep = id.indexOf("__");
        String rest = id.substring(sep + 2);
        int next = rest.indexOf("__");
        return next < 0 ? rest : rest.substring(0, next);
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
