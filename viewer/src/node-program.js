// A sigma node program that draws each node as its kind's shape (shapes.js): one point sprite
// per node, the shape cut out by a signed distance in the fragment shader, so that thousands of
// nodes cost one draw call.

import {NodeProgram} from "sigma/rendering";
import {floatColor} from "sigma/utils";

const VERTEX = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_shape;

uniform float u_sizeRatio;
uniform float u_pixelRatio;
uniform mat3 u_matrix;

varying vec4 v_color;
varying float v_border;
varying float v_shape;

const float bias = 255.0 / 254.0;

void main() {
  gl_Position = vec4((u_matrix * vec3(a_position, 1)).xy, 0, 1);
  gl_PointSize = a_size / u_sizeRatio * u_pixelRatio * 2.0;
  v_border = (0.5 / a_size) * u_sizeRatio;
  v_shape = a_shape;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

const FRAGMENT = /* glsl */ `
precision mediump float;

varying vec4 v_color;
varying float v_border;
varying float v_shape;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);
const float PI = 3.14159265;

// Distance inside a regular polygon of n sides (apothem a), rotated by rot.
float poly(vec2 p, float n, float rot, float a) {
  float angle = atan(p.x, p.y) + rot;
  float r = 2.0 * PI / n;
  return a - cos(floor(0.5 + angle / r) * r - angle) * length(p);
}

// Distance inside a five-pointed star of outer radius r (inner radius factor rf).
float star(vec2 p, float r, float rf) {
  vec2 k1 = vec2(0.809016994375, -0.587785252292);
  vec2 k2 = vec2(-0.809016994375, -0.587785252292);
  p.x = abs(p.x);
  p -= 2.0 * max(dot(k1, p), 0.0) * k1;
  p -= 2.0 * max(dot(k2, p), 0.0) * k2;
  p.x = abs(p.x);
  p.y -= r;
  vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
  float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
  return -length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}

float inside(vec2 p, float shape) {
  if (shape < 0.5) return 0.5 - length(p);
  if (shape < 1.5) return 0.42 - max(abs(p.x), abs(p.y));
  if (shape < 2.5) return (0.5 - abs(p.x) - abs(p.y)) * 0.7071;
  if (shape < 3.5) return poly(p, 6.0, 0.0, 0.45);
  if (shape < 4.5) return poly(p, 8.0, 0.0, 0.46);
  if (shape < 5.5) return min(min(0.4 - abs(p.x), p.y + 0.4), (0.48 - p.y - 0.95 * abs(p.x)) * 0.72);
  if (shape < 6.5) return min(0.34 - abs(p.x), 0.46 - abs(p.y));
  if (shape < 7.5) return min(0.42 - max(abs(p.x), abs(p.y)), (0.6 - p.x - p.y) * 0.7071);
  if (shape < 8.5) return poly(p + vec2(0.0, 0.1), 3.0, PI / 3.0, 0.25);
  if (shape < 9.5) return poly(p + vec2(0.0, 0.04), 5.0, PI / 5.0, 0.4);
  if (shape < 10.5) return min(0.4 - abs(p.x - 0.3 * p.y), 0.3 - abs(p.y)) * 0.9;
  if (shape < 11.5) return min(0.32 - abs(p.y), (0.32 - 0.3 * p.y - abs(p.x)) * 0.95);
  if (shape < 12.5) return star(p + vec2(0.0, 0.04), 0.5, 0.45);
  return 0.5 - length(p);
}

void main(void) {
  vec2 p = vec2(gl_PointCoord.x - 0.5, 0.5 - gl_PointCoord.y);
  float dist = inside(p, v_shape);
  #ifdef PICKING_MODE
  gl_FragColor = dist > v_border ? v_color : transparent;
  #else
  float t = 0.0;
  if (dist > v_border)
    t = 1.0;
  else if (dist > 0.0)
    t = dist / v_border;
  gl_FragColor = mix(transparent, v_color, t);
  #endif
}
`;

const {UNSIGNED_BYTE, FLOAT} = WebGLRenderingContext;

/** Nodes drawn as shapes: the display data's `shape` is a code of shapes.js. */
export class NodeShapeProgram extends NodeProgram {
    getDefinition() {
        return {
            VERTICES: 1,
            VERTEX_SHADER_SOURCE: VERTEX,
            FRAGMENT_SHADER_SOURCE: FRAGMENT,
            METHOD: WebGLRenderingContext.POINTS,
            UNIFORMS: ["u_sizeRatio", "u_pixelRatio", "u_matrix"],
            ATTRIBUTES: [
                {name: "a_position", size: 2, type: FLOAT},
                {name: "a_size", size: 1, type: FLOAT},
                {name: "a_color", size: 4, type: UNSIGNED_BYTE, normalized: true},
                {name: "a_id", size: 4, type: UNSIGNED_BYTE, normalized: true},
                {name: "a_shape", size: 1, type: FLOAT},
            ],
        };
    }

    processVisibleItem(nodeIndex, startIndex, data) {
        const array = this.array;
        array[startIndex++] = data.x;
        array[startIndex++] = data.y;
        array[startIndex++] = data.size;
        array[startIndex++] = floatColor(data.color);
        array[startIndex++] = nodeIndex;
        array[startIndex++] = data.shape || 0;
    }

    setUniforms({sizeRatio, pixelRatio, matrix}, {gl, uniformLocations}) {
        gl.uniform1f(uniformLocations.u_pixelRatio, pixelRatio);
        gl.uniform1f(uniformLocations.u_sizeRatio, sizeRatio);
        gl.uniformMatrix3fv(uniformLocations.u_matrix, false, matrix);
    }
}
