var Y=globalThis,J=Y.ShadowRoot&&(Y.ShadyCSS===void 0||Y.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,he=Symbol(),Pe=new WeakMap,z=class{constructor(e,t,n){if(this._$cssResult$=!0,n!==he)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(J&&e===void 0){let n=t!==void 0&&t.length===1;n&&(e=Pe.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),n&&Pe.set(t,e))}return e}toString(){return this.cssText}},Le=i=>new z(typeof i=="string"?i:i+"",void 0,he),b=(i,...e)=>{let t=i.length===1?i[0]:e.reduce((n,r,s)=>n+(a=>{if(a._$cssResult$===!0)return a.cssText;if(typeof a=="number")return a;throw Error("Value passed to 'css' function must be a 'css' function result: "+a+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+i[s+1],i[0]);return new z(t,i,he)},Oe=(i,e)=>{if(J)i.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let n=document.createElement("style"),r=Y.litNonce;r!==void 0&&n.setAttribute("nonce",r),n.textContent=t.cssText,i.appendChild(n)}},me=J?i=>i:i=>i instanceof CSSStyleSheet?(e=>{let t="";for(let n of e.cssRules)t+=n.cssText;return Le(t)})(i):i;var{is:Et,defineProperty:At,getOwnPropertyDescriptor:Tt,getOwnPropertyNames:Ct,getOwnPropertySymbols:Rt,getPrototypeOf:Ht}=Object,Q=globalThis,ze=Q.trustedTypes,Nt=ze?ze.emptyScript:"",Dt=Q.reactiveElementPolyfillSupport,U=(i,e)=>i,fe={toAttribute(i,e){switch(e){case Boolean:i=i?Nt:null;break;case Object:case Array:i=i==null?i:JSON.stringify(i)}return i},fromAttribute(i,e){let t=i;switch(e){case Boolean:t=i!==null;break;case Number:t=i===null?null:Number(i);break;case Object:case Array:try{t=JSON.parse(i)}catch{t=null}}return t}},Me=(i,e)=>!Et(i,e),Ue={attribute:!0,type:String,converter:fe,reflect:!1,useDefault:!1,hasChanged:Me};Symbol.metadata??=Symbol("metadata"),Q.litPropertyMetadata??=new WeakMap;var k=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Ue){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let n=Symbol(),r=this.getPropertyDescriptor(e,n,t);r!==void 0&&At(this.prototype,e,r)}}static getPropertyDescriptor(e,t,n){let{get:r,set:s}=Tt(this.prototype,e)??{get(){return this[t]},set(a){this[t]=a}};return{get:r,set(a){let l=r?.call(this);s?.call(this,a),this.requestUpdate(e,l,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Ue}static _$Ei(){if(this.hasOwnProperty(U("elementProperties")))return;let e=Ht(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(U("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(U("properties"))){let t=this.properties,n=[...Ct(t),...Rt(t)];for(let r of n)this.createProperty(r,t[r])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[n,r]of t)this.elementProperties.set(n,r)}this._$Eh=new Map;for(let[t,n]of this.elementProperties){let r=this._$Eu(t,n);r!==void 0&&this._$Eh.set(r,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let n=new Set(e.flat(1/0).reverse());for(let r of n)t.unshift(me(r))}else e!==void 0&&t.push(me(e));return t}static _$Eu(e,t){let n=t.attribute;return n===!1?void 0:typeof n=="string"?n:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let n of t.keys())this.hasOwnProperty(n)&&(e.set(n,this[n]),delete this[n]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Oe(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,n){this._$AK(e,n)}_$ET(e,t){let n=this.constructor.elementProperties.get(e),r=this.constructor._$Eu(e,n);if(r!==void 0&&n.reflect===!0){let s=(n.converter?.toAttribute!==void 0?n.converter:fe).toAttribute(t,n.type);this._$Em=e,s==null?this.removeAttribute(r):this.setAttribute(r,s),this._$Em=null}}_$AK(e,t){let n=this.constructor,r=n._$Eh.get(e);if(r!==void 0&&this._$Em!==r){let s=n.getPropertyOptions(r),a=typeof s.converter=="function"?{fromAttribute:s.converter}:s.converter?.fromAttribute!==void 0?s.converter:fe;this._$Em=r;let l=a.fromAttribute(t,s.type);this[r]=l??this._$Ej?.get(r)??l,this._$Em=null}}requestUpdate(e,t,n,r=!1,s){if(e!==void 0){let a=this.constructor;if(r===!1&&(s=this[e]),n??=a.getPropertyOptions(e),!((n.hasChanged??Me)(s,t)||n.useDefault&&n.reflect&&s===this._$Ej?.get(e)&&!this.hasAttribute(a._$Eu(e,n))))return;this.C(e,t,n)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:n,reflect:r,wrapped:s},a){n&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,a??t??this[e]),s!==!0||a!==void 0)||(this._$AL.has(e)||(this.hasUpdated||n||(t=void 0),this._$AL.set(e,t)),r===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[r,s]of this._$Ep)this[r]=s;this._$Ep=void 0}let n=this.constructor.elementProperties;if(n.size>0)for(let[r,s]of n){let{wrapped:a}=s,l=this[r];a!==!0||this._$AL.has(r)||l===void 0||this.C(r,void 0,s,l)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(n=>n.hostUpdate?.()),this.update(t)):this._$EM()}catch(n){throw e=!1,this._$EM(),n}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};k.elementStyles=[],k.shadowRootOptions={mode:"open"},k[U("elementProperties")]=new Map,k[U("finalized")]=new Map,Dt?.({ReactiveElement:k}),(Q.reactiveElementVersions??=[]).push("2.1.2");var Se=globalThis,Ke=i=>i,X=Se.trustedTypes,Be=X?X.createPolicy("lit-html",{createHTML:i=>i}):void 0,We="$lit$",w=`lit$${Math.random().toFixed(9).slice(2)}$`,Ze="?"+w,It=`<${Ze}>`,R=document,K=()=>R.createComment(""),B=i=>i===null||typeof i!="object"&&typeof i!="function",ke=Array.isArray,Pt=i=>ke(i)||typeof i?.[Symbol.iterator]=="function",_e=`[ 	
\f\r]`,M=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,je=/-->/g,Ve=/>/g,T=RegExp(`>|${_e}(?:([^\\s"'>=/]+)(${_e}*=${_e}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Ge=/'/g,qe=/"/g,Ye=/^(?:script|style|textarea|title)$/i,we=i=>(e,...t)=>({_$litType$:i,strings:e,values:t}),o=we(1),yn=we(2),bn=we(3),H=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Fe=new WeakMap,C=R.createTreeWalker(R,129);function Je(i,e){if(!ke(i)||!i.hasOwnProperty("raw"))throw Error("invalid template strings array");return Be!==void 0?Be.createHTML(e):e}var Lt=(i,e)=>{let t=i.length-1,n=[],r,s=e===2?"<svg>":e===3?"<math>":"",a=M;for(let l=0;l<t;l++){let c=i[l],g,p,u=-1,h=0;for(;h<c.length&&(a.lastIndex=h,p=a.exec(c),p!==null);)h=a.lastIndex,a===M?p[1]==="!--"?a=je:p[1]!==void 0?a=Ve:p[2]!==void 0?(Ye.test(p[2])&&(r=RegExp("</"+p[2],"g")),a=T):p[3]!==void 0&&(a=T):a===T?p[0]===">"?(a=r??M,u=-1):p[1]===void 0?u=-2:(u=a.lastIndex-p[2].length,g=p[1],a=p[3]===void 0?T:p[3]==='"'?qe:Ge):a===qe||a===Ge?a=T:a===je||a===Ve?a=M:(a=T,r=void 0);let _=a===T&&i[l+1].startsWith("/>")?" ":"";s+=a===M?c+It:u>=0?(n.push(g),c.slice(0,u)+We+c.slice(u)+w+_):c+w+(u===-2?l:_)}return[Je(i,s+(i[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),n]},j=class i{constructor({strings:e,_$litType$:t},n){let r;this.parts=[];let s=0,a=0,l=e.length-1,c=this.parts,[g,p]=Lt(e,t);if(this.el=i.createElement(g,n),C.currentNode=this.el.content,t===2||t===3){let u=this.el.content.firstChild;u.replaceWith(...u.childNodes)}for(;(r=C.nextNode())!==null&&c.length<l;){if(r.nodeType===1){if(r.hasAttributes())for(let u of r.getAttributeNames())if(u.endsWith(We)){let h=p[a++],_=r.getAttribute(u).split(w),S=/([.?@])?(.*)/.exec(h);c.push({type:1,index:s,name:S[2],strings:_,ctor:S[1]==="."?ye:S[1]==="?"?be:S[1]==="@"?$e:P}),r.removeAttribute(u)}else u.startsWith(w)&&(c.push({type:6,index:s}),r.removeAttribute(u));if(Ye.test(r.tagName)){let u=r.textContent.split(w),h=u.length-1;if(h>0){r.textContent=X?X.emptyScript:"";for(let _=0;_<h;_++)r.append(u[_],K()),C.nextNode(),c.push({type:2,index:++s});r.append(u[h],K())}}}else if(r.nodeType===8)if(r.data===Ze)c.push({type:2,index:s});else{let u=-1;for(;(u=r.data.indexOf(w,u+1))!==-1;)c.push({type:7,index:s}),u+=w.length-1}s++}}static createElement(e,t){let n=R.createElement("template");return n.innerHTML=e,n}};function I(i,e,t=i,n){if(e===H)return e;let r=n!==void 0?t._$Co?.[n]:t._$Cl,s=B(e)?void 0:e._$litDirective$;return r?.constructor!==s&&(r?._$AO?.(!1),s===void 0?r=void 0:(r=new s(i),r._$AT(i,t,n)),n!==void 0?(t._$Co??=[])[n]=r:t._$Cl=r),r!==void 0&&(e=I(i,r._$AS(i,e.values),r,n)),e}var ve=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:n}=this._$AD,r=(e?.creationScope??R).importNode(t,!0);C.currentNode=r;let s=C.nextNode(),a=0,l=0,c=n[0];for(;c!==void 0;){if(a===c.index){let g;c.type===2?g=new V(s,s.nextSibling,this,e):c.type===1?g=new c.ctor(s,c.name,c.strings,this,e):c.type===6&&(g=new xe(s,this,e)),this._$AV.push(g),c=n[++l]}a!==c?.index&&(s=C.nextNode(),a++)}return C.currentNode=R,r}p(e){let t=0;for(let n of this._$AV)n!==void 0&&(n.strings!==void 0?(n._$AI(e,n,t),t+=n.strings.length-2):n._$AI(e[t])),t++}},V=class i{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,r){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=I(this,e,t),B(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==H&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):Pt(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&B(this._$AH)?this._$AA.nextSibling.data=e:this.T(R.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:n}=e,r=typeof n=="number"?this._$AC(e):(n.el===void 0&&(n.el=j.createElement(Je(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===r)this._$AH.p(t);else{let s=new ve(r,this),a=s.u(this.options);s.p(t),this.T(a),this._$AH=s}}_$AC(e){let t=Fe.get(e.strings);return t===void 0&&Fe.set(e.strings,t=new j(e)),t}k(e){ke(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,n,r=0;for(let s of e)r===t.length?t.push(n=new i(this.O(K()),this.O(K()),this,this.options)):n=t[r],n._$AI(s),r++;r<t.length&&(this._$AR(n&&n._$AB.nextSibling,r),t.length=r)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let n=Ke(e).nextSibling;Ke(e).remove(),e=n}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},P=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,r,s){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=r,this.options=s,n.length>2||n[0]!==""||n[1]!==""?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=d}_$AI(e,t=this,n,r){let s=this.strings,a=!1;if(s===void 0)e=I(this,e,t,0),a=!B(e)||e!==this._$AH&&e!==H,a&&(this._$AH=e);else{let l=e,c,g;for(e=s[0],c=0;c<s.length-1;c++)g=I(this,l[n+c],t,c),g===H&&(g=this._$AH[c]),a||=!B(g)||g!==this._$AH[c],g===d?e=d:e!==d&&(e+=(g??"")+s[c+1]),this._$AH[c]=g}a&&!r&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},ye=class extends P{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},be=class extends P{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},$e=class extends P{constructor(e,t,n,r,s){super(e,t,n,r,s),this.type=5}_$AI(e,t=this){if((e=I(this,e,t,0)??d)===H)return;let n=this._$AH,r=e===d&&n!==d||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,s=e!==d&&(n===d||r);r&&this.element.removeEventListener(this.name,this,n),s&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},xe=class{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){I(this,e)}};var Ot=Se.litHtmlPolyfillSupport;Ot?.(j,V),(Se.litHtmlVersions??=[]).push("3.3.3");var Qe=(i,e,t)=>{let n=t?.renderBefore??e,r=n._$litPart$;if(r===void 0){let s=t?.renderBefore??null;n._$litPart$=r=new V(e.insertBefore(K(),s),s,void 0,t??{})}return r._$AI(i),r};var Ee=globalThis,v=class extends k{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Qe(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return H}};v._$litElement$=!0,v.finalized=!0,Ee.litElementHydrateSupport?.({LitElement:v});var zt=Ee.litElementPolyfillSupport;zt?.({LitElement:v});(Ee.litElementVersions??=[]).push("4.2.2");var f=["parcel","ocean","air"];var Ut={parcel:["info_received","in_transit","out_for_delivery","delivered"],ocean:["gate_in","loaded","departed","arrived","discharged","delivered"],air:["booked","received","departed","arrived","notified","delivered"]},Mt=["attention","out_for_delivery","at_destination","in_transit","waiting","not_found","delivered"],it=new Set(["delivered","final"]),rt=new Set(["delivery_failed","abnormal","exception","expired"]),Kt={delivery_failed:"attention",abnormal:"attention",exception:"attention",expired:"attention",waiting_delivery:"out_for_delivery",arrived:"at_destination",notified:"at_destination",in_transit:"in_transit",received:"in_transit",init:"waiting",info_received:"waiting",booked:"waiting",no_record:"not_found",delivered:"delivered",final:"delivered"},Xe={info_received:0,in_transit:1,waiting_delivery:2,delivery_failed:2,delivered:3},Ae={booked:0,received:1,in_transit:2,arrived:3,notified:4,delivered:5},Bt={gtin:0,load:1,depa:2,arri:3,bert:3,hold:3,disc:4,cust:4,rels:4,gtot:4,strp:5},jt=new Set(["pre","pol"]);function y(i){return typeof i=="string"&&i!==""?i:null}function ee(i){if(typeof i!="string"||i==="")return null;let e=new Date(i);return Number.isNaN(e.getTime())?null:e}function Vt(i){return typeof i=="string"&&f.includes(i)}function te(i){let e=i.attributes,t=y(e.tracking_number);if(!Vt(e.kind)||t===null||e.device_class!=="enum")return null;let n=it.has(i.state),r=ee(e.last_event_time);return{entityId:i.entity_id,kind:e.kind,status:i.state,subStatus:y(e.sub_status),name:y(e.label)??t,number:t,carrier:y(e.carrier_name)??y(e.carrier_code)??y(e.airline_code),lastEvent:y(e.last_event),lastEventTime:r,lastEventLocation:y(e.last_event_location),lastEventStatus:y(e.last_event_status),lastEventLocationType:y(e.last_event_location_type),expectedFrom:ee(e.expected_from),expected:y(e.expected_from)!==null&&y(e.expected_until)!==null?{from:e.expected_from,until:e.expected_until}:null,stalled:e.stalled===!0,deliveredAt:n?ee(e.delivered_time)??r??ee(i.last_changed):null}}var st=1440*60*1e3,Gt=7;function ne(i,e){if(!i.stalled||i.lastEventTime===null)return null;let t=Math.floor((e.getTime()-i.lastEventTime.getTime())/st);return Math.max(t,Gt)}function ie(i){return i.map(e=>y(e.sub_status)??y(e.status)).filter(e=>e!==null)}function re(i){return rt.has(i.status)||i.stalled}function N(i){return it.has(i.status)}function Te(i){return Xe[i]??Xe[i.replace(/_\d+$/,"")]}function qt(i,e){if(i===null||i==="gtot"&&e!==null&&jt.has(e))return-1;let t=Bt[i]??-1;return e==="pot"&&t>2?2:t}function et(i,e,t){for(let n of[i.lastEventStatus,...e]){let r=n===null?void 0:t(n);if(r!==void 0)return r}return-1}function Ft(i){return i.kind==="parcel"?Te(i.status):Ae[i.status]}function at(i){return i.kind!=="ocean"&&rt.has(i.status)&&Ft(i)===void 0&&Ce(i).reached<0}function Ce(i,e=[]){let t=Ut[i.kind],n=re(i),r=t.length-1;if(N(i))return{stages:t,reached:r,problem:n};let s;switch(i.kind){case"parcel":s=Te(i.status)??et(i,e,Te);break;case"air":s=Ae[i.status]??et(i,e,a=>Ae[a]);break;case"ocean":s=qt(i.lastEventStatus,i.lastEventLocationType);break}return{stages:t,reached:Math.min(s,r-1),problem:n}}function Re(i){return i.stalled?"attention":Kt[i.status]??"in_transit"}function tt(i){return i.status==="waiting_delivery"||re(i)?0:N(i)?2:1}function nt(i,e,t){return i===null||e===null?(i===null?1:0)-(e===null?1:0):t?e.getTime()-i.getTime():i.getTime()-e.getTime()}function Wt(i,e,t,n){if(t==="urgency"){let r=tt(i)-tt(e)||nt(i.expectedFrom,e.expectedFrom,!1)||nt(i.lastEventTime,e.lastEventTime,!0);if(r!==0)return r}return n.compare(i.name,e.name)||n.compare(i.number,e.number)}function He(i,e,t){let n=new Set(e.kinds??f),r=e.hide_delivered_after_days,s=r===void 0?null:t.getTime()-r*st;return i.filter(a=>n.has(a.kind)&&!(s!==null&&N(a)&&(a.deliveredAt===null||a.deliveredAt.getTime()<=s)))}function ot(i,e,t,n){let r=e==="status"?Mt:e==="kind"?f:["all"],s=a=>e==="status"?Re(a):e==="kind"?a.kind:"all";return r.map(a=>({id:a,shipments:i.filter(l=>s(l)===a).sort((l,c)=>Wt(l,c,t,n))})).filter(a=>a.shipments.length>0)}var L="track123";function dt(i){return i===void 0?null:Object.values(i).filter(e=>e.platform===L&&e.entity_id.startsWith("sensor.")).map(e=>e.entity_id)}function ct(i,e){return(e===null?Object.values(i):e.map(n=>i[n]).filter(n=>n!==void 0)).map(n=>te(n)).filter(n=>n!==null)}function Ne(i,e){let t=new Map;for(let n of Object.values(i??{})){if(n.platform!==L||n.device_id===void 0)continue;let r=e?.[n.device_id],s=r?.config_entries[0];r===void 0||s===void 0||t.has(s)||t.set(s,r.name_by_user||r.name||s)}return[...t].map(([n,r])=>({entryId:n,name:r}))}async function E(i,e,t,n=!1){return(await i.callWS({type:"call_service",domain:L,service:e,service_data:t,...n?{return_response:!0}:{}}))?.response}function se(i,e){return i.callWS({type:`${L}/shipment_history`,entity_id:e})}function ut(i,e){return i.services?.[L]?.[e]!==void 0}var lt;function G(i){return lt??=i.loadBackendTranslation?.("exceptions",L)??Promise.resolve(),lt.catch(()=>{})}function q(i,e){let t=e??{};if(t.translation_key&&t.translation_domain&&i.localize){let n=i.localize(`component.${t.translation_domain}.exceptions.${t.translation_key}.message`,t.translation_placeholders);if(n)return n}return t.message?t.message:String(e)}var Zt={card_name:"Track123 shipments",card_description:"Parcels, ocean and air cargo with their stage, last event and full timeline.",title:"Shipments",empty:"No shipments to show.",add:"Add shipment",refresh:"Refresh",remove:"Remove",close:"Close",cancel:"Cancel",save:"Save",change_label:"Change label",actions:"Actions","group.attention":"Needs attention","group.out_for_delivery":"Out for delivery","group.at_destination":"At destination","group.in_transit":"In transit","group.waiting":"Waiting for the carrier","group.not_found":"Not found","group.delivered":"Delivered","group.parcel":"Parcels","group.ocean":"Ocean freight","group.air":"Air freight","kind.parcel":"Parcel","kind.ocean":"Ocean shipment","kind.air":"Air waybill","stage.parcel.info_received":"Info received","stage.parcel.in_transit":"In transit","stage.parcel.out_for_delivery":"Out for delivery","stage.parcel.delivered":"Delivered","stage.ocean.gate_in":"Gate in","stage.ocean.loaded":"Loaded","stage.ocean.departed":"Departed","stage.ocean.arrived":"Arrived","stage.ocean.discharged":"Discharged","stage.ocean.delivered":"Delivered","stage.air.booked":"Booked","stage.air.received":"Received","stage.air.departed":"Departed","stage.air.arrived":"Arrived","stage.air.notified":"Consignee notified","stage.air.delivered":"Delivered",stage_progress:"Stage {reached} of {total}: {stage}",stage_none:"Not started",stage_problem:"needs attention",stalled:"No news for {days} days",no_event:"No event yet",expected:"Expected {window}",timeline:"Timeline",events_count:"{count} events",loading:"Loading…",load_failed:"The history could not be loaded: {error}",tracking_link:"Track on the carrier's site",carrier:"Carrier",number:"Tracking number",containers:"Containers",vessel:"Vessel",voyage:"Voyage",flights:"Flights",pieces:"Pieces",weight:"Weight",route:"Route",container:"Container {number}","field.number":"Tracking number","field.label":"Label (optional)","field.carrier":"Carrier (optional)","field.kind":"Kind","field.number_type":"Number type","field.account":"Account","number_type.container":"Container number","number_type.bill_of_lading":"Bill of lading","number_type.booking":"Booking number",carrier_hint:"Left empty, Track123 detects it.",suggestions:"Suggested carriers",detecting:"Looking for carriers…",adding:"Adding…",confirm_remove:"Stop tracking {name}? Its sensor is removed.","editor.title":"Title","editor.group_by":"Group by","editor.group_status":"Status","editor.group_kind":"Kind","editor.group_none":"No grouping","editor.hide_delivered":"Hide delivered shipments after (days)","editor.hide_delivered_help":"Leave empty to show them until the integration removes them.","editor.kinds":"Kinds shown","editor.sort":"Sort","editor.sort_urgency":"By urgency: out for delivery and problems first, then expected soonest","editor.sort_name":"By name"},Yt={card_name:"Track123-Sendungen",card_description:"Pakete, See- und Luftfracht mit Etappe, letztem Ereignis und vollständigem Verlauf.",title:"Sendungen",empty:"Keine Sendungen anzuzeigen.",add:"Sendung hinzufügen",refresh:"Aktualisieren",remove:"Entfernen",close:"Schließen",cancel:"Abbrechen",save:"Speichern",change_label:"Bezeichnung ändern",actions:"Aktionen","group.attention":"Handlungsbedarf","group.out_for_delivery":"In Zustellung","group.at_destination":"Am Zielort","group.in_transit":"Unterwegs","group.waiting":"Wartet auf den Versanddienst","group.not_found":"Nicht gefunden","group.delivered":"Zugestellt","group.parcel":"Pakete","group.ocean":"Seefracht","group.air":"Luftfracht","kind.parcel":"Paket","kind.ocean":"Seefrachtsendung","kind.air":"Luftfrachtbrief","stage.parcel.info_received":"Daten übermittelt","stage.parcel.in_transit":"Unterwegs","stage.parcel.out_for_delivery":"In Zustellung","stage.parcel.delivered":"Zugestellt","stage.ocean.gate_in":"Im Terminal","stage.ocean.loaded":"Verladen","stage.ocean.departed":"Ausgelaufen","stage.ocean.arrived":"Angekommen","stage.ocean.discharged":"Entladen","stage.ocean.delivered":"Ausgeliefert","stage.air.booked":"Gebucht","stage.air.received":"Angenommen","stage.air.departed":"Abgeflogen","stage.air.arrived":"Gelandet","stage.air.notified":"Empfänger benachrichtigt","stage.air.delivered":"Ausgeliefert",stage_progress:"Etappe {reached} von {total}: {stage}",stage_none:"Noch nicht begonnen",stage_problem:"Handlungsbedarf",stalled:"Seit {days} Tagen keine Neuigkeiten",no_event:"Noch kein Ereignis",expected:"Erwartet {window}",timeline:"Verlauf",events_count:"{count} Ereignisse",loading:"Wird geladen …",load_failed:"Der Verlauf konnte nicht geladen werden: {error}",tracking_link:"Beim Versanddienst verfolgen",carrier:"Versanddienst",number:"Sendungsnummer",containers:"Container",vessel:"Schiff",voyage:"Reise",flights:"Flüge",pieces:"Stück",weight:"Gewicht",route:"Route",container:"Container {number}","field.number":"Sendungsnummer","field.label":"Bezeichnung (optional)","field.carrier":"Versanddienst (optional)","field.kind":"Art","field.number_type":"Nummernart","field.account":"Konto","number_type.container":"Containernummer","number_type.bill_of_lading":"Konnossement","number_type.booking":"Buchungsnummer",carrier_hint:"Leer gelassen, erkennt Track123 ihn selbst.",suggestions:"Vorgeschlagene Versanddienste",detecting:"Versanddienste werden gesucht …",adding:"Wird hinzugefügt …",confirm_remove:"{name} nicht mehr verfolgen? Der Sensor wird entfernt.","editor.title":"Titel","editor.group_by":"Gruppieren nach","editor.group_status":"Status","editor.group_kind":"Art","editor.group_none":"Nicht gruppieren","editor.hide_delivered":"Zugestellte Sendungen ausblenden nach (Tagen)","editor.hide_delivered_help":"Leer lassen, um sie zu zeigen, bis die Integration sie entfernt.","editor.kinds":"Angezeigte Arten","editor.sort":"Sortierung","editor.sort_urgency":"Nach Dringlichkeit: In Zustellung und Probleme zuerst, dann die früheste Zustellung","editor.sort_name":"Nach Name"},Jt={card_name:"Envois Track123",card_description:"Colis, fret maritime et aérien avec leur étape, leur dernier événement et tout leur historique.",title:"Envois",empty:"Aucun envoi à afficher.",add:"Ajouter un envoi",refresh:"Actualiser",remove:"Supprimer",close:"Fermer",cancel:"Annuler",save:"Enregistrer",change_label:"Modifier le libellé",actions:"Actions","group.attention":"Attention requise","group.out_for_delivery":"En cours de livraison","group.at_destination":"Arrivé à destination","group.in_transit":"En transit","group.waiting":"En attente du transporteur","group.not_found":"Introuvable","group.delivered":"Livré","group.parcel":"Colis","group.ocean":"Fret maritime","group.air":"Fret aérien","kind.parcel":"Colis","kind.ocean":"Envoi maritime","kind.air":"Lettre de transport aérien","stage.parcel.info_received":"Informations reçues","stage.parcel.in_transit":"En transit","stage.parcel.out_for_delivery":"En cours de livraison","stage.parcel.delivered":"Livré","stage.ocean.gate_in":"Entré au terminal","stage.ocean.loaded":"Chargé","stage.ocean.departed":"Parti","stage.ocean.arrived":"Arrivé","stage.ocean.discharged":"Déchargé","stage.ocean.delivered":"Livré","stage.air.booked":"Réservé","stage.air.received":"Réceptionné","stage.air.departed":"Décollé","stage.air.arrived":"Arrivé","stage.air.notified":"Destinataire averti","stage.air.delivered":"Livré",stage_progress:"Étape {reached} sur {total} : {stage}",stage_none:"Pas encore commencé",stage_problem:"attention requise",stalled:"Aucune nouvelle depuis {days} jours",no_event:"Aucun événement pour l'instant",expected:"Prévu {window}",timeline:"Historique",events_count:"{count} événements",loading:"Chargement…",load_failed:"Impossible de charger l'historique : {error}",tracking_link:"Suivre sur le site du transporteur",carrier:"Transporteur",number:"Numéro de suivi",containers:"Conteneurs",vessel:"Navire",voyage:"Voyage",flights:"Vols",pieces:"Pièces",weight:"Poids",route:"Trajet",container:"Conteneur {number}","field.number":"Numéro de suivi","field.label":"Libellé (facultatif)","field.carrier":"Transporteur (facultatif)","field.kind":"Type","field.number_type":"Type de numéro","field.account":"Compte","number_type.container":"Numéro de conteneur","number_type.bill_of_lading":"Connaissement","number_type.booking":"Numéro de réservation",carrier_hint:"Laissé vide, Track123 le détecte.",suggestions:"Transporteurs suggérés",detecting:"Recherche des transporteurs…",adding:"Ajout en cours…",confirm_remove:"Ne plus suivre {name} ? Son capteur sera supprimé.","editor.title":"Titre","editor.group_by":"Regrouper par","editor.group_status":"Statut","editor.group_kind":"Type","editor.group_none":"Sans regroupement","editor.hide_delivered":"Masquer les envois livrés après (jours)","editor.hide_delivered_help":"Laisser vide pour les afficher jusqu'à ce que l'intégration les retire.","editor.kinds":"Types affichés","editor.sort":"Tri","editor.sort_urgency":"Par urgence : en cours de livraison et problèmes d'abord, puis la livraison la plus proche","editor.sort_name":"Par nom"},Qt={card_name:"Envíos de Track123",card_description:"Paquetes, carga marítima y aérea con su etapa, su último evento y todo su historial.",title:"Envíos",empty:"No hay envíos que mostrar.",add:"Añadir envío",refresh:"Actualizar",remove:"Eliminar",close:"Cerrar",cancel:"Cancelar",save:"Guardar",change_label:"Cambiar etiqueta",actions:"Acciones","group.attention":"Requiere atención","group.out_for_delivery":"En reparto","group.at_destination":"En destino","group.in_transit":"En tránsito","group.waiting":"Esperando al transportista","group.not_found":"No encontrado","group.delivered":"Entregado","group.parcel":"Paquetes","group.ocean":"Carga marítima","group.air":"Carga aérea","kind.parcel":"Paquete","kind.ocean":"Envío marítimo","kind.air":"Guía aérea","stage.parcel.info_received":"Información recibida","stage.parcel.in_transit":"En tránsito","stage.parcel.out_for_delivery":"En reparto","stage.parcel.delivered":"Entregado","stage.ocean.gate_in":"Entrada en terminal","stage.ocean.loaded":"Cargado","stage.ocean.departed":"Zarpó","stage.ocean.arrived":"Llegó","stage.ocean.discharged":"Descargado","stage.ocean.delivered":"Entregado","stage.air.booked":"Reservado","stage.air.received":"Recibido","stage.air.departed":"Despegó","stage.air.arrived":"Aterrizó","stage.air.notified":"Destinatario avisado","stage.air.delivered":"Entregado",stage_progress:"Etapa {reached} de {total}: {stage}",stage_none:"Sin empezar",stage_problem:"requiere atención",stalled:"Sin novedades desde hace {days} días",no_event:"Todavía sin eventos",expected:"Previsto {window}",timeline:"Historial",events_count:"{count} eventos",loading:"Cargando…",load_failed:"No se pudo cargar el historial: {error}",tracking_link:"Seguir en la web del transportista",carrier:"Transportista",number:"Número de seguimiento",containers:"Contenedores",vessel:"Buque",voyage:"Viaje",flights:"Vuelos",pieces:"Bultos",weight:"Peso",route:"Ruta",container:"Contenedor {number}","field.number":"Número de seguimiento","field.label":"Etiqueta (opcional)","field.carrier":"Transportista (opcional)","field.kind":"Tipo","field.number_type":"Tipo de número","field.account":"Cuenta","number_type.container":"Número de contenedor","number_type.bill_of_lading":"Conocimiento de embarque","number_type.booking":"Número de reserva",carrier_hint:"Si se deja vacío, Track123 lo detecta.",suggestions:"Transportistas sugeridos",detecting:"Buscando transportistas…",adding:"Añadiendo…",confirm_remove:"¿Dejar de seguir {name}? Se eliminará su sensor.","editor.title":"Título","editor.group_by":"Agrupar por","editor.group_status":"Estado","editor.group_kind":"Tipo","editor.group_none":"Sin agrupar","editor.hide_delivered":"Ocultar envíos entregados después de (días)","editor.hide_delivered_help":"Déjalo vacío para mostrarlos hasta que la integración los quite.","editor.kinds":"Tipos mostrados","editor.sort":"Orden","editor.sort_urgency":"Por urgencia: en reparto y con problemas primero, luego la entrega más próxima","editor.sort_name":"Por nombre"},Xt={card_name:"Track123-zendingen",card_description:"Pakketten, zee- en luchtvracht met hun etappe, laatste gebeurtenis en volledige tijdlijn.",title:"Zendingen",empty:"Geen zendingen om te tonen.",add:"Zending toevoegen",refresh:"Vernieuwen",remove:"Verwijderen",close:"Sluiten",cancel:"Annuleren",save:"Opslaan",change_label:"Label wijzigen",actions:"Acties","group.attention":"Vraagt aandacht","group.out_for_delivery":"In bezorging","group.at_destination":"Op bestemming","group.in_transit":"Onderweg","group.waiting":"Wacht op de vervoerder","group.not_found":"Niet gevonden","group.delivered":"Bezorgd","group.parcel":"Pakketten","group.ocean":"Zeevracht","group.air":"Luchtvracht","kind.parcel":"Pakket","kind.ocean":"Zeezending","kind.air":"Luchtvrachtbrief","stage.parcel.info_received":"Gegevens ontvangen","stage.parcel.in_transit":"Onderweg","stage.parcel.out_for_delivery":"In bezorging","stage.parcel.delivered":"Bezorgd","stage.ocean.gate_in":"Op de terminal","stage.ocean.loaded":"Geladen","stage.ocean.departed":"Vertrokken","stage.ocean.arrived":"Aangekomen","stage.ocean.discharged":"Gelost","stage.ocean.delivered":"Afgeleverd","stage.air.booked":"Geboekt","stage.air.received":"Ontvangen","stage.air.departed":"Opgestegen","stage.air.arrived":"Geland","stage.air.notified":"Ontvanger ingelicht","stage.air.delivered":"Afgeleverd",stage_progress:"Etappe {reached} van {total}: {stage}",stage_none:"Nog niet begonnen",stage_problem:"vraagt aandacht",stalled:"Al {days} dagen geen nieuws",no_event:"Nog geen gebeurtenis",expected:"Verwacht {window}",timeline:"Tijdlijn",events_count:"{count} gebeurtenissen",loading:"Laden…",load_failed:"De geschiedenis kon niet worden geladen: {error}",tracking_link:"Volgen op de site van de vervoerder",carrier:"Vervoerder",number:"Trackingnummer",containers:"Containers",vessel:"Schip",voyage:"Reis",flights:"Vluchten",pieces:"Stuks",weight:"Gewicht",route:"Route",container:"Container {number}","field.number":"Trackingnummer","field.label":"Label (optioneel)","field.carrier":"Vervoerder (optioneel)","field.kind":"Soort","field.number_type":"Soort nummer","field.account":"Account","number_type.container":"Containernummer","number_type.bill_of_lading":"Cognossement","number_type.booking":"Boekingsnummer",carrier_hint:"Leeg gelaten herkent Track123 hem zelf.",suggestions:"Voorgestelde vervoerders",detecting:"Vervoerders zoeken…",adding:"Toevoegen…",confirm_remove:"{name} niet meer volgen? De sensor wordt verwijderd.","editor.title":"Titel","editor.group_by":"Groeperen op","editor.group_status":"Status","editor.group_kind":"Soort","editor.group_none":"Niet groeperen","editor.hide_delivered":"Bezorgde zendingen verbergen na (dagen)","editor.hide_delivered_help":"Laat leeg om ze te tonen tot de integratie ze verwijdert.","editor.kinds":"Getoonde soorten","editor.sort":"Sorteren","editor.sort_urgency":"Op urgentie: in bezorging en problemen eerst, dan de eerst verwachte","editor.sort_name":"Op naam"},en={card_name:"Track123 货件",card_description:"包裹、海运和空运货物的所处阶段、最新事件和完整时间线。",title:"货件",empty:"没有可显示的货件。",add:"添加货件",refresh:"刷新",remove:"移除",close:"关闭",cancel:"取消",save:"保存",change_label:"修改标签",actions:"操作","group.attention":"需要关注","group.out_for_delivery":"派送中","group.at_destination":"已到达目的地","group.in_transit":"运输中","group.waiting":"等待承运商","group.not_found":"未找到","group.delivered":"已送达","group.parcel":"包裹","group.ocean":"海运","group.air":"空运","kind.parcel":"包裹","kind.ocean":"海运货件","kind.air":"空运提单","stage.parcel.info_received":"已收到信息","stage.parcel.in_transit":"运输中","stage.parcel.out_for_delivery":"派送中","stage.parcel.delivered":"已签收","stage.ocean.gate_in":"已进港","stage.ocean.loaded":"已装船","stage.ocean.departed":"已离港","stage.ocean.arrived":"已抵港","stage.ocean.discharged":"已卸船","stage.ocean.delivered":"已交付","stage.air.booked":"已订舱","stage.air.received":"已收货","stage.air.departed":"已起飞","stage.air.arrived":"已到达","stage.air.notified":"已通知收货人","stage.air.delivered":"已交付",stage_progress:"第 {reached} 阶段，共 {total} 个：{stage}",stage_none:"尚未开始",stage_problem:"需要关注",stalled:"已 {days} 天没有更新",no_event:"暂无事件",expected:"预计 {window}",timeline:"时间线",events_count:"{count} 个事件",loading:"加载中…",load_failed:"无法加载历史记录：{error}",tracking_link:"在承运商网站上跟踪",carrier:"承运商",number:"跟踪号",containers:"集装箱",vessel:"船名",voyage:"航次",flights:"航班",pieces:"件数",weight:"重量",route:"路线",container:"集装箱 {number}","field.number":"跟踪号","field.label":"标签（可选）","field.carrier":"承运商（可选）","field.kind":"类型","field.number_type":"号码类型","field.account":"账户","number_type.container":"集装箱号","number_type.bill_of_lading":"提单号","number_type.booking":"订舱号",carrier_hint:"留空时由 Track123 自动识别。",suggestions:"推荐的承运商",detecting:"正在查找承运商…",adding:"正在添加…",confirm_remove:"停止跟踪 {name}？其传感器将被移除。","editor.title":"标题","editor.group_by":"分组方式","editor.group_status":"状态","editor.group_kind":"类型","editor.group_none":"不分组","editor.hide_delivered":"已送达的货件在几天后隐藏","editor.hide_delivered_help":"留空则一直显示，直到集成将其移除。","editor.kinds":"显示的类型","editor.sort":"排序","editor.sort_urgency":"按紧急程度：派送中和有问题的优先，然后按预计送达时间","editor.sort_name":"按名称"},De={en:Zt,de:Yt,fr:Jt,es:Qt,nl:Xt,"zh-Hans":en},tn=new Set(["zh","zh-hans","zh-cn","zh-sg"]);function nn(i){if(!i)return"en";if(i in De)return i;let e=i.toLowerCase();if(tn.has(e)||e.startsWith("zh-hans"))return"zh-Hans";let t=e.split("-")[0];return t!=="zh"&&t in De?t:"en"}function $(i){let e=De[nn(i)];return(t,n)=>{let r=e[t];return n===void 0?r:r.replace(/\{(\w+)\}/g,(s,a)=>a in n?String(n[a]):s)}}var A=b`
  :host {
    --t123-warning: var(--warning-color, #ffa600);
    --t123-success: var(--success-color, #43a047);
    --t123-accent: var(--primary-color, #03a9f4);
    --t123-muted: var(--secondary-text-color, #727272);
    --t123-divider: var(--divider-color, rgba(0, 0, 0, 0.12));
    --t123-track: var(--disabled-color, var(--disabled-text-color, #bdbdbd));
    color: var(--primary-text-color);
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--t123-accent);
    outline-offset: 2px;
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    border: 1px solid var(--t123-divider);
    border-radius: 18px;
    background: none;
    padding: 6px 12px;
    min-height: 36px;
  }
  .pill:hover {
    background: var(--secondary-background-color, rgba(127, 127, 127, 0.1));
  }
  .primary {
    background: var(--t123-accent);
    border-color: var(--t123-accent);
    color: var(--text-primary-color, #fff);
  }
  .primary:hover {
    background: var(--t123-accent);
    filter: brightness(1.1);
  }
  .danger {
    color: var(--error-color, #db4437);
  }
  .icon-button {
    border: none;
    background: none;
    border-radius: 50%;
    width: 40px;
    height: 40px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  .icon-button:hover {
    background: var(--secondary-background-color, rgba(127, 127, 127, 0.1));
  }
  button[disabled] {
    cursor: default;
    opacity: 0.6;
  }
  .muted {
    color: var(--t123-muted);
  }
  .warning {
    color: var(--t123-warning);
  }
  .status-icon {
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    display: flex;
    align-items: center;
    justify-content: center;
    color: var(--t123-accent);
    background: color-mix(in srgb, var(--t123-accent) 15%, transparent);
  }
  .problem .status-icon,
  .status-icon.problem {
    color: var(--t123-warning);
    background: color-mix(in srgb, var(--t123-warning) 18%, transparent);
  }
  .stage {
    display: flex;
    gap: 3px;
    align-items: center;
  }
  .stage .segment {
    flex: 1;
    height: 6px;
    border-radius: 3px;
    background: var(--t123-track);
    opacity: 0.45;
  }
  .stage .segment.reached {
    background: var(--t123-accent);
    opacity: 1;
  }
  .stage.done .segment.reached {
    background: var(--t123-success);
  }
  .stage.problem .segment.reached,
  .stage.problem .segment.current {
    background: var(--t123-warning);
    opacity: 1;
  }
  dialog {
    border: none;
    border-radius: var(--ha-dialog-border-radius, 24px);
    background: var(--ha-card-background, var(--card-background-color, #fff));
    color: var(--primary-text-color);
    padding: 0;
    width: min(560px, calc(100vw - 16px));
    max-height: calc(100vh - 32px);
    box-shadow: var(--ha-card-box-shadow, 0 8px 24px rgba(0, 0, 0, 0.3));
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog[open] > form {
    display: flex;
    flex-direction: column;
    min-height: 0;
    flex: 1;
  }
  dialog .dialog-body {
    overflow-y: auto;
    flex: 1;
    min-height: 0;
  }
  dialog::backdrop {
    background: var(--mdc-dialog-scrim-color, rgba(0, 0, 0, 0.32));
  }
  dialog .dialog-head {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 16px 16px 8px 24px;
  }
  dialog h2 {
    flex: 1;
    margin: 0;
    font-size: 1.3em;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  dialog .dialog-body {
    padding: 0 24px 8px;
  }
  dialog .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
    padding: 12px 24px 20px;
    border-top: 1px solid var(--t123-divider);
  }
  .error {
    color: var(--error-color, #db4437);
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 12px 0;
  }
  label.field input,
  label.field select {
    padding: 10px 12px;
    border: 1px solid var(--t123-divider);
    border-radius: 8px;
    background: var(--mdc-text-field-fill-color, var(--secondary-background-color, transparent));
    min-height: 24px;
  }
  .hint {
    font-size: 0.85em;
    color: var(--t123-muted);
  }
  @media (max-width: 600px) {
    dialog {
      width: 100vw;
      max-width: 100vw;
      max-height: 100vh;
      height: 100vh;
      margin: 0;
      border-radius: 0;
    }
    dialog .dialog-head {
      padding-left: 16px;
    }
    dialog .dialog-body,
    dialog .dialog-actions {
      padding-left: 16px;
      padding-right: 16px;
    }
  }
`;var rn=["container","bill_of_lading","booking"],sn=4,ae=class extends v{constructor(){super();this._detectedFor="";this.accounts=[],this._kind="parcel",this._suggestions=[],this._detecting=!1,this._busy=!1}static{this.properties={hass:{attribute:!1},accounts:{attribute:!1},_kind:{state:!0},_suggestions:{state:!0},_detecting:{state:!0},_busy:{state:!0},_error:{state:!0}}}get _dialog(){return this.renderRoot.querySelector("dialog")}_field(t){return this.renderRoot.querySelector(`[name="${t}"]`)}firstUpdated(){this._dialog?.showModal()}_close(){this._dialog?.close()}_onClosed(){this.dispatchEvent(new CustomEvent("closed"))}_account(){return this._field("account")?.value||this.accounts[0]?.entryId}async _detect(){let t=this._field("tracking_number")?.value.replace(/\s+/g,"")??"";if(!(this._kind!=="parcel"||t.length<sn||t===this._detectedFor)){this._detectedFor=t,this._detecting=!0;try{let n=this._account(),r=await E(this.hass,"detect_carrier",{tracking_number:t,...n?{config_entry_id:n}:{}},!0);this._suggestions=r?.carriers??[]}catch{this._suggestions=[]}finally{this._detecting=!1}}}_pick(t){let n=this._field("carrier");n&&(n.value=t.code)}_kindChanged(t){this._kind=t.target.value,this._suggestions=[],this._detectedFor=""}async _submit(t){t.preventDefault();let n=a=>this._field(a)?.value.trim()??"",r=this._account(),s={tracking_number:n("tracking_number"),kind:this._kind,...n("label")?{label:n("label")}:{},...n("carrier")?{carrier:n("carrier")}:{},...this._kind==="ocean"?{number_type:n("number_type")}:{},...r?{config_entry_id:r}:{}};this._busy=!0,this._error=void 0;try{await E(this.hass,"add_shipment",s),this._close()}catch(a){await G(this.hass),this._error=q(this.hass,a)}finally{this._busy=!1}}render(){let t=$(this.hass.language);return o`<dialog aria-labelledby="add-title" @close=${this._onClosed}>
      <form @submit=${this._submit}>
        <div class="dialog-head">
          <h2 id="add-title">${t("add")}</h2>
          <button
            type="button"
            class="icon-button"
            aria-label=${t("close")}
            title=${t("close")}
            @click=${this._close}
          >
            <ha-icon icon="mdi:close"></ha-icon>
          </button>
        </div>
        <div class="dialog-body">
          <label class="field"
            >${t("field.number")}
            <input
              name="tracking_number"
              required
              autocomplete="off"
              autocapitalize="characters"
              spellcheck="false"
              @change=${this._detect}
            />
          </label>
          <label class="field"
            >${t("field.label")}<input name="label" maxlength="100" autocomplete="off"
          /></label>
          <label class="field"
            >${t("field.kind")}
            <select name="kind" @change=${this._kindChanged}>
              ${f.map(n=>o`<option value=${n} ?selected=${n===this._kind}>
                    ${t(`kind.${n}`)}
                  </option>`)}
            </select>
          </label>
          ${this._kind==="ocean"?o`<label class="field"
                >${t("field.number_type")}
                <select name="number_type">
                  ${rn.map(n=>o`<option value=${n}>${t(`number_type.${n}`)}</option>`)}
                </select>
              </label>`:d}
          <label class="field"
            >${t("field.carrier")}
            <input name="carrier" autocomplete="off" spellcheck="false" aria-describedby="carrier-hint" />
            <span class="hint" id="carrier-hint">${t("carrier_hint")}</span>
          </label>
          <div class="suggestions" role="status" aria-live="polite">
            ${this._detecting?o`<span class="muted">${t("detecting")}</span>`:this._suggestions.length?o`<span class="muted">${t("suggestions")}</span>
                    <div class="chips">
                      ${this._suggestions.map(n=>o`<button type="button" class="pill chip" @click=${()=>this._pick(n)}>
                            ${n.name?`${n.name} (${n.code})`:n.code}
                          </button>`)}
                    </div>`:d}
          </div>
          ${this.accounts.length>1?o`<label class="field"
                >${t("field.account")}
                <select name="account">
                  ${this.accounts.map(n=>o`<option value=${n.entryId}>${n.name}</option>`)}
                </select>
              </label>`:d}
          ${this._error?o`<p class="error" role="alert">${this._error}</p>`:d}
        </div>
        <div class="dialog-actions">
          <button type="button" class="pill" @click=${this._close}>${t("cancel")}</button>
          <button type="submit" class="pill primary" ?disabled=${this._busy}>
            ${this._busy?t("adding"):t("add")}
          </button>
        </div>
      </form>
    </dialog>`}static{this.styles=[A,b`
      .suggestions {
        min-height: 1.5em;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 4px;
      }
    `]}};var an={attention:"mdi:alert-circle-outline",out_for_delivery:"mdi:truck-delivery-outline",at_destination:"mdi:map-marker-check-outline",waiting:"mdi:clipboard-text-clock-outline",not_found:"mdi:help-circle-outline",delivered:"mdi:check-circle-outline"},on={parcel:"mdi:truck-fast-outline",ocean:"mdi:ferry",air:"mdi:airplane"};function oe(i){return an[Re(i)]??on[i.kind]}function pt(i,e,t){return i(`stage.${e}.${t}`)}function le(i,e,t){let n=i.formatEntityState?.(e)??t.status,r=t.subStatus===null?null:i.formatEntityAttributeValue?.(e,"sub_status")??t.subStatus;return{status:n,sub:r}}function de(i,e,t,n=[]){let{stages:r,reached:s,problem:a}=Ce(e,n),l=s>=0?pt(i,e.kind,r[s]):i("stage_none"),c=i("stage_progress",{reached:s+1,total:r.length,stage:l})+(a?` (${i("stage_problem")})`:""),g=["stage",a?"problem":"",N(e)?"done":""].filter(Boolean).join(" ");return o`<div class=${g} role="img" aria-label=${c} title=${c}>
      ${r.map((p,u)=>o`<span
            class="segment ${u<=s?"reached":""} ${a&&s<0&&u===0?"current":""}"
          ></span>`)}
    </div>
    ${t?o`<ol class="stage-names" aria-hidden="true">
          ${r.map((p,u)=>o`<li class=${u===s?"current":u<s?"past":""}>
                ${pt(i,e.kind,p)}
              </li>`)}
        </ol>`:d}`}function F(i){return re(i)?"problem":""}var ln=[["year",31536e3],["month",2592e3],["week",604800],["day",86400],["hour",3600],["minute",60]];function ht(i,e,t){let n=new Intl.RelativeTimeFormat(t,{numeric:"auto",style:"short"}),r=(i.getTime()-e.getTime())/1e3;for(let[s,a]of ln)if(Math.abs(r)>=a)return n.format(Math.round(r/a),s);return n.format(0,"second")}function W(i){let{locale:e}=i;return{language:i.language||e.language,timeZone:e.time_zone==="server"?i.config.time_zone:void 0,hour12:e.time_format==="12"?!0:e.time_format==="24"?!1:void 0}}function Z(i,e){return new Intl.DateTimeFormat(e.language,{dateStyle:"medium",timeStyle:"short",timeZone:e.timeZone,hour12:e.hour12}).format(i)}function gt(i){return/T00:00(:00(\.0+)?)?([+-]\d\d:\d\d|Z)?$/.test(i)}function ce(i,e,t,n){let r=new Date(i),s=new Date(e);if(gt(i)&&gt(e)&&s>r){let l=new Date(s.getTime()-1);return new Intl.DateTimeFormat(t.language,{weekday:"short",day:"numeric",month:"short",timeZone:n}).formatRange(r,l)}let a=new Intl.DateTimeFormat(t.language,{weekday:"short",day:"numeric",month:"short",hour:"numeric",minute:"2-digit",timeZone:t.timeZone,hour12:t.hour12});return s>r?a.formatRange(r,s):a.format(r)}var mt=["status","kind","none"],ft=["urgency","name"],_t={group_by:"status",sort:"urgency",hide_delivered_after_days:3};function vt(i){if(!i||typeof i!="object")throw new Error("Invalid configuration");if(i.group_by!==void 0&&!mt.includes(i.group_by))throw new Error(`group_by must be one of ${mt.join(", ")}`);if(i.sort!==void 0&&!ft.includes(i.sort))throw new Error(`sort must be one of ${ft.join(", ")}`);let e=i.hide_delivered_after_days;if(e!==void 0&&(typeof e!="number"||!(e>=0)))throw new Error("hide_delivered_after_days must be a number of days, 0 or more");if(i.kinds!==void 0&&(!Array.isArray(i.kinds)||i.kinds.some(t=>!f.includes(t))))throw new Error(`kinds must be a list of ${f.join(", ")}`);return i}function yt(i,e,t){let n={...i};return t===void 0?delete n[e]:n[e]=t,n}function bt(i,e,t){let n=new Set(i??f);t?n.add(e):n.delete(e);let r=f.filter(s=>n.has(s));return r.length===f.length?void 0:r}var O="track123-shipments-card",dn=6e4,ue=class extends v{constructor(){super();this._entityIds=null;this._histories=new Map;this._adding=!1,this._refreshing=!1}static{this.properties={hass:{attribute:!1},_config:{state:!0},_selected:{state:!0},_adding:{state:!0},_refreshing:{state:!0}}}static getConfigElement(){return document.createElement(`${O}-editor`)}static getStubConfig(){return{..._t}}setConfig(t){this._config=vt(t)}getCardSize(){return 2+Math.min(this._shipments().length,10)*2}getGridOptions(){return{columns:12,min_columns:6,min_rows:3}}connectedCallback(){super.connectedCallback(),this._timer=setInterval(()=>this.requestUpdate(),dn)}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this._timer)}shouldUpdate(t){if(!t.has("hass")||t.size>1)return!0;let n=t.get("hass"),r=this.hass;if(n===void 0||r===void 0||n.locale!==r.locale||n.language!==r.language||n.entities!==r.entities||n.devices!==r.devices)return!0;let s=this._ids();return s===null?n.states!==r.states:s.some(a=>n.states[a]!==r.states[a])}updated(){this._config&&this._fetchHistories(He(this._shipments(),this._config,new Date))}_ids(){return this.hass?.entities!==this._entitiesSeen&&(this._entitiesSeen=this.hass?.entities,this._entityIds=dt(this.hass?.entities)),this._entityIds}_shipments(){return this.hass?ct(this.hass.states,this._ids()):[]}get _t(){return $(this.hass?.language??this.hass?.locale?.language)}render(){if(!this.hass||!this._config)return d;let t=this._t,n=this._config,r=this.hass.language,s=new Intl.Collator(r,{numeric:!0,sensitivity:"base"}),a=new Date,l=n.group_by??"status",c=ot(He(this._shipments(),n,a),l,n.sort??"urgency",s),g=n.title??t("title");return o`<ha-card>
      <div class="card-head">
        <h2 class="card-title" id="title">${g}</h2>
        <button
          class="icon-button"
          aria-label=${t("refresh")}
          title=${t("refresh")}
          ?disabled=${this._refreshing}
          @click=${this._refresh}
        >
          <ha-icon icon="mdi:refresh"></ha-icon>
        </button>
        <button class="pill add" @click=${this._openAdd}>
          <ha-icon icon="mdi:plus"></ha-icon><span>${t("add")}</span>
        </button>
      </div>
      ${c.length===0?o`<p class="empty muted">${t("empty")}</p>`:c.map(p=>o`<section
              class="group"
              aria-labelledby=${l==="none"?"title":`group-${p.id}`}
              data-group=${p.id}
            >
              ${l==="none"?d:o`<h3 id="group-${p.id}">
                    ${t(`group.${p.id}`)}
                    <span class="count">${p.shipments.length}</span>
                  </h3>`}
              <ul>
                ${p.shipments.map(u=>this._row(u,t,a))}
              </ul>
            </section>`)}
      ${this._selected?o`<track123-shipment-dialog
            .hass=${this.hass}
            .entityId=${this._selected}
            @closed=${this._closeDetails}
          ></track123-shipment-dialog>`:d}
      ${this._adding?o`<track123-add-dialog
            .hass=${this.hass}
            .accounts=${Ne(this.hass.entities,this.hass.devices)}
            @closed=${this._closeAdd}
          ></track123-add-dialog>`:d}
    </ha-card>`}_row(t,n,r){let s=this.hass,a=s.states[t.entityId],{status:l,sub:c}=le(s,a,t),g=W(s),p=t.lastEventLocation,u=t.lastEventTime,h=t.expected,_=ne(t,r),S=[t.carrier,t.name!==t.number?t.number:null].filter(Boolean).join(" · ");return o`<li>
      <button
        class="row ${F(t)} ${N(t)?"done":""}"
        data-entity-id=${t.entityId}
        data-status=${t.status}
        @click=${()=>this._openDetails(t.entityId)}
      >
        <span class="status-icon" aria-hidden="true"
          ><ha-icon icon=${oe(t)}></ha-icon
        ></span>
        <span class="main">
          <span class="line head">
            <span class="name">${t.name}</span>
            <span class="status">${l}</span>
          </span>
          ${c?o`<span class="line sub-status">${c}</span>`:d}
          ${S?o`<span class="line muted carrier">${S}</span>`:d}
          <span class="line event">
            <span class="event-text">${t.lastEvent??n("no_event")}</span>
            ${p?o`<span class="muted"> · ${p}</span>`:d}
            ${u?o`<time
                  class="muted"
                  datetime=${u.toISOString()}
                  title=${Z(u,g)}
                >
                  · ${ht(u,r,g.language)}</time
                >`:d}
          </span>
          ${_!==null?o`<span class="line warning">${n("stalled",{days:_})}</span>`:d}
          ${h?o`<span class="line expected"
                >${n("expected",{window:ce(h.from,h.until,g,s.config.time_zone)})}</span
              >`:d}
          ${de(n,t,!1,this._histories.get(t.entityId)?.statuses)}
        </span>
      </button>
    </li>`}_fetchHistories(t){let n=this.hass;if(n)for(let r of t){let s=n.states[r.entityId];if(!at(r)||this._histories.get(r.entityId)?.state===s)continue;let a={state:s,statuses:[]};this._histories.set(r.entityId,a),se(n,r.entityId).then(l=>{this._histories.get(r.entityId)===a&&(this._histories.set(r.entityId,{state:s,statuses:ie(l.events)}),this.requestUpdate())},()=>{})}}_openDetails(t){this._selected=t}_closeDetails(){this._selected=void 0}_openAdd(){this._adding=!0}_closeAdd(){this._adding=!1}async _refresh(){let t=this.hass;if(t){this._refreshing=!0;try{let n=Ne(t.entities,t.devices),r=n.length>0?n.map(s=>E(t,"refresh",{config_entry_id:s.entryId})):[E(t,"refresh",{})];await Promise.all(r)}finally{this._refreshing=!1}}}static{this.styles=[A,b`
      ha-card {
        overflow: hidden;
        container-type: inline-size;
      }
      .card-head {
        display: flex;
        align-items: center;
        gap: 4px;
        padding: 12px 12px 4px 16px;
      }
      .card-title {
        flex: 1;
        margin: 0;
        font-size: var(--ha-card-header-font-size, 1.5em);
        font-weight: 400;
        line-height: 1.4;
      }
      .empty {
        padding: 8px 16px 16px;
        margin: 0;
      }
      section h3 {
        margin: 12px 16px 4px;
        font-size: 0.9em;
        font-weight: 500;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--t123-muted);
        display: flex;
        gap: 8px;
        align-items: center;
      }
      section[data-group="attention"] h3 {
        color: var(--t123-warning);
      }
      .count {
        font-weight: 400;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 8px 8px;
      }
      .row {
        display: flex;
        gap: 12px;
        width: 100%;
        text-align: start;
        background: none;
        border: none;
        border-inline-start: 3px solid transparent;
        border-radius: 8px;
        padding: 10px 8px;
        align-items: flex-start;
      }
      .row:hover {
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
      }
      .row.problem {
        border-inline-start-color: var(--t123-warning);
      }
      .main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .line {
        display: block;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .head {
        display: flex;
        gap: 8px;
        justify-content: space-between;
        align-items: baseline;
      }
      .name {
        font-weight: 500;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .status {
        flex: none;
        font-size: 0.9em;
        color: var(--t123-accent);
      }
      .row.done .status {
        color: var(--t123-success);
      }
      .problem .status,
      .problem .sub-status {
        color: var(--t123-warning);
      }
      .sub-status,
      .event,
      .carrier,
      .expected {
        font-size: 0.9em;
      }
      .stage {
        margin-top: 6px;
      }
      @container (max-width: 420px) {
        .head {
          flex-direction: column;
          gap: 0;
        }
        .status-icon {
          width: 32px;
          height: 32px;
        }
      }
    `]}};function D(i){return typeof i=="string"&&i!==""?i:null}function cn(i){let e=D(i.time),t=e===null?null:new Date(e);return{time:t!==null&&!Number.isNaN(t.getTime())?t:null,description:D(i.description),status:D(i.sub_status)??D(i.status),location:D(i.location),flight:D(i.flight_number)}}function $t(i){let e=new Map;for(let n of i){let r=D(n.container_number),s=e.get(r);s===void 0&&(s=[],e.set(r,s)),s.push(cn(n))}let t=e.size>1;return[...e].map(([n,r])=>({container:t?n:null,entries:r}))}var un={parcel:"sub_status",ocean:"last_event_status",air:"last_event_status"};function m(i){return typeof i=="string"&&i!==""?i:typeof i=="number"?String(i):null}function xt(i){return Array.isArray(i)?i:[]}var pe=class extends v{static{this.properties={hass:{attribute:!1},entityId:{attribute:!1},_history:{state:!0},_error:{state:!0},_busy:{state:!0},_confirming:{state:!0},_editingLabel:{state:!0}}}constructor(){super(),this._busy=!1,this._confirming=!1,this._editingLabel=!1}get _dialog(){return this.renderRoot.querySelector("dialog")}firstUpdated(){this._dialog?.showModal()}updated(e){let t=this.hass?.states[this.entityId];t!==void 0&&t!==this._loadedFor&&e.has("hass")&&(this._loadedFor=t,this._load())}async _load(){try{this._history=await se(this.hass,this.entityId),this._error=void 0}catch(e){await G(this.hass),this._error=$(this.hass.language)("load_failed",{error:q(this.hass,e)})}}_close(){this._dialog?.close()}_onClosed(){this.dispatchEvent(new CustomEvent("closed"))}async _act(e,t,n){this._busy=!0,this._error=void 0;try{await E(this.hass,e,{...t,...this._history?{config_entry_id:this._history.config_entry_id}:{}}),n&&this._close()}catch(r){await G(this.hass),this._error=q(this.hass,r)}finally{this._busy=!1,this._confirming=!1}}_refresh(){this._act("refresh",{},!1)}_remove(e){this._act("remove_shipment",{tracking_number:e.number},!0)}_saveLabel(e,t){t.preventDefault();let n=this.renderRoot.querySelector("#label-input");this._editingLabel=!1,this._act("set_label",{tracking_number:e.number,label:n?.value.trim()??""},!1)}render(){let e=$(this.hass.language),t=this.hass.states[this.entityId],n=t?te(t):null;return o`<dialog aria-labelledby="dialog-title" @close=${this._onClosed}>
      <div class="dialog-head">
        ${n?o`<span class="status-icon ${F(n)}" aria-hidden="true"
              ><ha-icon icon=${oe(n)}></ha-icon
            ></span>`:d}
        <h2 id="dialog-title">${n?.name??this.entityId}</h2>
        <button class="icon-button" aria-label=${e("close")} title=${e("close")} @click=${this._close}>
          <ha-icon icon="mdi:close"></ha-icon>
        </button>
      </div>
      <div class="dialog-body">
        ${n&&t?this._summary(e,t,n):d}
        ${this._error?o`<p class="error" role="alert">${this._error}</p>`:d}
        ${n?this._timeline(e,t,n):d}
      </div>
      ${n?this._actions(e,n):d}
    </dialog>`}_summary(e,t,n){let{status:r,sub:s}=le(this.hass,t,n),a=W(this.hass),l=t.attributes,c=this._history,g=c?.tracking_link??null,p=m(c?.origin_country)??m(l.port_of_loading)??m(l.origin),u=m(c?.destination_country)??m(l.port_of_discharge)??m(l.destination),h=xt(l.containers).map(x=>m(x.container_number)).filter(Boolean),_=xt(l.flights).map(x=>this._flight(x,a)),S=[[e("number"),n.number],[e("carrier"),n.carrier],[e("route"),p||u?`${p??"?"} → ${u??"?"}`:null],[e("expected",{window:""}).trim(),n.expected?ce(n.expected.from,n.expected.until,a,this.hass.config.time_zone):null],[e("containers"),h.length?h.join(", "):null],[e("vessel"),m(l.vessel)],[e("voyage"),m(l.voyage)],[e("flights"),_.length?o`${_.map(x=>o`<div>${x}</div>`)}`:null],[e("pieces"),m(l.pieces)??m(c?.pieces)],[e("weight"),m(l.weight)]],Ie=ne(n,new Date),kt=this._history?ie(this._history.events):[];return o`<p class="status-line ${F(n)}">
        <span class="status">${r}</span>${s?o` · <span>${s}</span>`:d}
      </p>
      ${Ie!==null?o`<p class="warning">${e("stalled",{days:Ie})}</p>`:d}
      <div class="stage-wrap">${de(e,n,!0,kt)}</div>
      <dl class="facts">
        ${S.filter(([,x])=>x!==null&&x!=="").map(([x,wt])=>o`<dt>${x}</dt><dd>${wt}</dd>`)}
      </dl>
      ${g?o`<p>
            <a href=${g} target="_blank" rel="noopener noreferrer"
              >${e("tracking_link")}<ha-icon icon="mdi:open-in-new"></ha-icon
            ></a>
          </p>`:d}`}_flight(e,t){let n=m(e.departure_time);return[m(e.flight_number),[m(e.origin),m(e.destination)].filter(Boolean).join(" → "),n?Z(new Date(n),t):null].filter(Boolean).join(" · ")}_timeline(e,t,n){let r=this._history,s=r?.events.length??0;return o`<h3 class="timeline-title">
        ${e("timeline")}
        ${r?o`<span class="muted count">${e("events_count",{count:s})}</span>`:d}
      </h3>
      ${r===void 0?this._error?d:o`<p class="muted" role="status">${e("loading")}</p>`:s===0?o`<p class="muted">${e("no_event")}</p>`:$t(r.events).map(a=>o`${a.container?o`<h4>${e("container",{number:a.container})}</h4>`:d}
                <ol class="timeline">
                  ${a.entries.map(l=>this._entry(l,t,n))}
                </ol>`)}`}_entry(e,t,n){let r=W(this.hass),s=e.status===null?null:this.hass.formatEntityAttributeValue?.(t,un[n.kind],e.status)??e.status,a=e.description??s??"",l=[e.description?s:null,e.location,e.flight].filter(Boolean).join(" · ");return o`<li class="event">
      ${e.time?o`<time datetime=${e.time.toISOString()}>${Z(e.time,r)}</time>`:d}
      <span class="what">${a}</span>
      ${l?o`<span class="muted where">${l}</span>`:d}
    </li>`}_actions(e,t){return this._confirming?o`<div class="dialog-actions confirm" role="group" aria-label=${e("actions")}>
        <p class="confirm-text">${e("confirm_remove",{name:t.name})}</p>
        <button class="pill" @click=${()=>this._confirming=!1}>${e("cancel")}</button>
        <button class="pill danger" ?disabled=${this._busy} @click=${()=>this._remove(t)}>
          ${e("remove")}
        </button>
      </div>`:this._editingLabel?o`<form class="dialog-actions" @submit=${n=>this._saveLabel(t,n)}>
        <label class="field label-field"
          >${e("field.label")}<input id="label-input" maxlength="100" .value=${t.name!==t.number?t.name:""}
        /></label>
        <button type="button" class="pill" @click=${()=>this._editingLabel=!1}>${e("cancel")}</button>
        <button type="submit" class="pill primary">${e("save")}</button>
      </form>`:o`<div class="dialog-actions" role="group" aria-label=${e("actions")}>
      <button class="pill" ?disabled=${this._busy} @click=${this._refresh}>
        <ha-icon icon="mdi:refresh"></ha-icon>${e("refresh")}
      </button>
      ${ut(this.hass,"set_label")?o`<button class="pill" ?disabled=${this._busy} @click=${()=>this._editingLabel=!0}>
            <ha-icon icon="mdi:tag-outline"></ha-icon>${e("change_label")}
          </button>`:d}
      <button class="pill danger" ?disabled=${this._busy} @click=${()=>this._confirming=!0}>
        <ha-icon icon="mdi:delete-outline"></ha-icon>${e("remove")}
      </button>
    </div>`}static{this.styles=[A,b`
      .status-line {
        margin: 0 0 8px;
      }
      .status-line .status {
        color: var(--t123-accent);
        font-weight: 500;
      }
      .status-line.problem {
        color: var(--t123-warning);
      }
      .status-line.problem .status {
        color: var(--t123-warning);
      }
      .stage-wrap {
        margin: 8px 0 12px;
      }
      .stage-names {
        display: flex;
        list-style: none;
        padding: 0;
        margin: 4px 0 0;
        gap: 3px;
        font-size: 0.75em;
        color: var(--t123-muted);
      }
      .stage-names li {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .stage-names li.current {
        color: var(--primary-text-color);
        font-weight: 500;
      }
      .facts {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 8px 0;
      }
      .facts dt {
        color: var(--t123-muted);
      }
      .facts dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      a {
        color: var(--t123-accent);
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      a ha-icon {
        --mdc-icon-size: 16px;
      }
      .timeline-title {
        display: flex;
        gap: 8px;
        align-items: baseline;
        margin: 16px 0 4px;
        font-size: 1.05em;
        font-weight: 500;
      }
      .timeline-title .count {
        font-size: 0.85em;
        font-weight: 400;
      }
      h4 {
        margin: 12px 0 4px;
        font-weight: 500;
      }
      .timeline {
        list-style: none;
        margin: 0;
        padding: 0 0 0 16px;
        border-inline-start: 2px solid var(--t123-divider);
      }
      .timeline .event {
        position: relative;
        display: flex;
        flex-direction: column;
        padding: 6px 0 8px;
      }
      .timeline .event::before {
        content: "";
        position: absolute;
        inset-inline-start: -22px;
        top: 11px;
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--t123-track);
      }
      .timeline .event:first-child::before {
        background: var(--t123-accent);
      }
      .timeline time {
        font-size: 0.85em;
        color: var(--t123-muted);
      }
      .where {
        font-size: 0.9em;
      }
      .confirm-text {
        flex-basis: 100%;
        margin: 0 0 4px;
      }
      .label-field {
        flex-basis: 100%;
      }
      .dialog-actions ha-icon {
        --mdc-icon-size: 18px;
      }
    `]}};var pn=[["status","editor.group_status"],["kind","editor.group_kind"],["none","editor.group_none"]],gn=[["urgency","editor.sort_urgency"],["name","editor.sort_name"]],ge=class extends v{static{this.properties={hass:{attribute:!1},_config:{state:!0}}}setConfig(e){this._config=e}_set(e,t){this._config&&(this._config=yt(this._config,e,t),this.dispatchEvent(new CustomEvent("config-changed",{detail:{config:this._config},bubbles:!0,composed:!0})))}_days(e){let t=e.target.value.trim(),n=t===""?void 0:Math.max(0,Math.floor(Number(t)));this._set("hide_delivered_after_days",Number.isNaN(n)?void 0:n)}_choice(e,t,n,r,s){return o`<fieldset>
      <legend>${e}</legend>
      ${n.map(([a,l])=>o`<label class="choice"
          ><input
            type="radio"
            name=${t}
            .value=${a}
            .checked=${r===a}
            @change=${()=>this._set(t,a)}
          />${s(l)}</label
        >`)}
    </fieldset>`}render(){if(!this._config)return d;let e=$(this.hass?.language),t=this._config,n=t.group_by??"status",r=t.sort??"urgency",s=new Set(t.kinds??f);return o`<div class="editor">
      <label class="field"
        >${e("editor.title")}
        <input
          name="title"
          .value=${t.title??""}
          placeholder=${e("title")}
          @change=${a=>this._set("title",a.target.value.trim()||void 0)}
        />
      </label>
      ${this._choice(e("editor.group_by"),"group_by",pn,n,e)}
      <label class="field"
        >${e("editor.hide_delivered")}
        <input
          name="hide_delivered_after_days"
          type="number"
          min="0"
          max="365"
          step="1"
          inputmode="numeric"
          aria-describedby="days-help"
          .value=${t.hide_delivered_after_days?.toString()??""}
          @change=${this._days}
        />
        <span class="hint" id="days-help">${e("editor.hide_delivered_help")}</span>
      </label>
      <fieldset>
        <legend>${e("editor.kinds")}</legend>
        ${f.map(a=>o`<label class="choice"
            ><input
              type="checkbox"
              name="kinds"
              .value=${a}
              .checked=${s.has(a)}
              @change=${l=>this._set("kinds",bt(t.kinds,a,l.target.checked))}
            />${e(`group.${a}`)}</label
          >`)}
      </fieldset>
      ${this._choice(e("editor.sort"),"sort",gn,r,e)}
    </div>`}static{this.styles=[A,b`
      .editor {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      fieldset {
        border: 1px solid var(--t123-divider);
        border-radius: 8px;
        padding: 8px 12px;
        margin: 0;
      }
      legend {
        padding: 0 4px;
      }
      .choice {
        display: flex;
        gap: 8px;
        align-items: center;
        min-height: 32px;
      }
    `]}};var hn=[[O,ue],[`${O}-editor`,ge],["track123-shipment-dialog",pe],["track123-add-dialog",ae]];function St(){if(customElements.get(O))return;for(let[e,t]of hn)customElements.define(e,t);let i=$(document.documentElement.lang||navigator.language);window.customCards=window.customCards??[],window.customCards.push({type:O,name:i("card_name"),description:i("card_description"),preview:!0,documentationURL:"https://github.com/track123-homeassistant/track123#shipments-card"})}document.querySelector("home-assistant")===null||customElements.get("home-assistant")?St():customElements.whenDefined("home-assistant").then(St);
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
