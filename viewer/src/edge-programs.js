// Sigma edge programs that can draw dashed and dotted lines: sigma's own straight and arrow
// programs with one more attribute (a_dash: 0 solid, 1 dashed, 2 dotted) and the fragment
// shader leaving out the gaps, measured in CSS pixels along the edge on screen. In the picking
// pass (what the mouse hits) every edge is at least PICK_WIDTH pixels wide: sigma picks on a
// framebuffer of half the resolution, where thin edges would have gaps a click falls through.

import {EdgeRectangleProgram, EdgeArrowHeadProgram, createEdgeClampedProgram,
    createEdgeCompoundProgram} from "sigma/rendering";

/** The code of a relation style for a_dash. */
export function dashCode(style) {
    return style === "dashed" ? 1 : style === "dotted" ? 2 : 0;
}

const PICK_WIDTH = 8;
const THICKNESS = "float pixelsThickness = max(normalLength, minThickness * u_sizeRatio);";
const PICK_THICKNESS = `${THICKNESS}
  #ifdef PICKING_MODE
  pixelsThickness = max(pixelsThickness, ${(PICK_WIDTH / 2).toFixed(1)} * u_sizeRatio);
  #endif`;

const VERTEX_HEAD = `
attribute float a_dash;
uniform vec2 u_resolution;
varying float v_dash;
varying float v_along;
`;
const VERTEX_TAIL = `
  vec2 clipStart = (u_matrix * vec3(a_positionStart, 1)).xy;
  vec2 clipEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;
  v_along = a_positionCoef * length((clipEnd - clipStart) * u_resolution * 0.5);
  v_dash = a_dash;
}
`;
const FRAGMENT_HEAD = `
varying float v_dash;
varying float v_along;
`;
const FRAGMENT_GAPS = `
  #ifndef PICKING_MODE
  if (v_dash > 0.5) {
    float period = v_dash < 1.5 ? 9.0 : 5.0;
    float on = v_dash < 1.5 ? 5.5 : 2.2;
    if (mod(v_along, period) > on) discard;
  }
  #endif
`;

function withDashes(source, head, tail, body) {
    if (tail && !source.includes(THICKNESS)) {
        throw new Error("sigma's edge vertex shader changed: edge-programs.js needs an update");
    }
    // After the precision line (fragment) or at the top (vertex); `tail` replaces the closing
    // brace of main, `body` goes at the start of main.
    let out = source.includes("precision") ? source.replace(/(precision [a-z]+ float;)/, `$1\n${head}`) :
        head + source;
    if (tail) out = out.slice(0, out.lastIndexOf("}")).replace(THICKNESS, PICK_THICKNESS) + tail;
    if (body) out = out.replace("void main(void) {", `void main(void) {\n${body}`);
    return out;
}

function floats(attributes) {
    return attributes.reduce((n, a) => n + (a.type === WebGLRenderingContext.FLOAT ? a.size : 1), 0);
}

function dashed(Base) {
    return class extends Base {
        getDefinition() {
            const def = super.getDefinition();
            this.dashOffset = floats(def.ATTRIBUTES);
            return {
                ...def,
                VERTEX_SHADER_SOURCE: withDashes(def.VERTEX_SHADER_SOURCE, VERTEX_HEAD, VERTEX_TAIL, null),
                FRAGMENT_SHADER_SOURCE: withDashes(def.FRAGMENT_SHADER_SOURCE, FRAGMENT_HEAD, null, FRAGMENT_GAPS),
                UNIFORMS: [...def.UNIFORMS, "u_resolution"],
                ATTRIBUTES: [...def.ATTRIBUTES, {name: "a_dash", size: 1, type: WebGLRenderingContext.FLOAT}],
            };
        }

        processVisibleItem(edgeIndex, startIndex, sourceData, targetData, data) {
            super.processVisibleItem(edgeIndex, startIndex, sourceData, targetData, data);
            this.array[startIndex + this.dashOffset] = data.dash || 0;
        }

        setUniforms(params, programInfo) {
            super.setUniforms(params, programInfo);
            programInfo.gl.uniform2f(programInfo.uniformLocations.u_resolution, params.width, params.height);
        }
    };
}

/** Straight lines (symmetric relations), dashed or dotted as their kind says. */
export const DashedLineProgram = dashed(EdgeRectangleProgram);

/** Arrows (directed relations): a dashed or dotted line clamped at the node, and its head. */
export const DashedArrowProgram = createEdgeCompoundProgram([dashed(createEdgeClampedProgram()),
    EdgeArrowHeadProgram]);
